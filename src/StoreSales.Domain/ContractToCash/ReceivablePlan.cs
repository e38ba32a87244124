namespace StoreSales.Domain.ContractToCash;

/// <summary>A contract's money: net, VAT and gross, each to the cent (gross = net + tax).</summary>
public sealed record ContractMoney(decimal Net, decimal Tax, decimal Gross)
{
    /// <summary>The tax on <paramref name="net"/> at <paramref name="taxRate"/>, rounded half away from zero to the cent.</summary>
    public static ContractMoney Of(decimal net, decimal taxRate)
    {
        var tax = decimal.Round(net * taxRate, 2, MidpointRounding.AwayFromZero);
        return new ContractMoney(net, tax, net + tax);
    }
}

/// <summary>One instalment of a receivable plan: its share, what it is due from, its due date (null until a shipment-anchored instalment's contract ships) and its money.</summary>
public sealed record PlannedInstalment(int Seq, decimal Percent, InstalmentAnchor Anchor, int Days, DateOnly? DueOn, decimal Net, decimal Tax, decimal Gross);

/// <summary>
/// A signed contract's receivable plan (回款计划, docs/domain.md "Contract to cash"): one instalment per step of its
/// payment terms, each the step's percent of the net and of the tax rounded to the cent, the rounding remainder on the
/// last instalment so the instalments add up to the contract exactly. Due dates count from signing, or from the first
/// shipment (unknown until it ships). Pure.
/// </summary>
public static class ReceivablePlan
{
    public static IReadOnlyList<PlannedInstalment> Of(ContractMoney money, IReadOnlyList<PaymentTermStep> steps, DateOnly signedOn, DateOnly? firstShippedOn)
    {
        var instalments = new List<PlannedInstalment>(steps.Count);
        decimal netSoFar = 0, taxSoFar = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var last = i == steps.Count - 1;
            var net = last ? money.Net - netSoFar : Share(money.Net, step.Percent);
            var tax = last ? money.Tax - taxSoFar : Share(money.Tax, step.Percent);
            netSoFar += net;
            taxSoFar += tax;
            instalments.Add(new PlannedInstalment(i + 1, step.Percent, step.Anchor, step.Days, DueOn(step, signedOn, firstShippedOn), net, tax, net + tax));
        }

        return instalments;
    }

    /// <summary>The due date of a step: anchor date plus its days; null for a shipment anchor before the first shipment.</summary>
    public static DateOnly? DueOn(PaymentTermStep step, DateOnly signedOn, DateOnly? firstShippedOn) => step.Anchor switch
    {
        InstalmentAnchor.Signing => signedOn.AddDays(step.Days),
        _ => firstShippedOn?.AddDays(step.Days),
    };

    private static decimal Share(decimal amount, decimal percent) => decimal.Round(amount * percent / 100m, 2, MidpointRounding.AwayFromZero);
}
