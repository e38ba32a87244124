using StoreSales.Domain.ContractToCash;

namespace StoreSales.Domain.Tests.ContractToCash;

/// <summary>
/// A signed contract's receivable plan from its payment terms: instalments and due dates per built-in term, VAT to the
/// cent, and the rounding remainder on the last instalment so the plan adds up to the contract exactly.
/// </summary>
public sealed class ReceivablePlanTests
{
    private static readonly DateOnly Signed = new(2026, 11, 10);
    private static readonly ContractToCashOptions Options = new();

    [Theory]
    // terms,          net,        first shipped, instalment due dates ("-": not due until shipped), gross per instalment
    [InlineData("prepaid", 100_000, null, "2026-11-10", "113000.00")]
    [InlineData("net30", 100_000, null, "2026-12-10", "113000.00")]
    [InlineData("net60", 100_000, null, "2027-01-09", "113000.00")]
    [InlineData("deposit-30-70", 100_000, null, "2026-11-10|-", "33900.00|79100.00")]
    [InlineData("deposit-30-70", 100_000, "2026-11-20", "2026-11-10|2026-12-20", "33900.00|79100.00")]
    public void Each_built_in_term_gives_its_instalments_and_due_dates(string terms, decimal net, string? shipped, string dueDates, string grosses)
    {
        var plan = ReceivablePlan.Of(ContractMoney.Of(net, Options.TaxRate), Options.TermsOf(terms)!, Signed, shipped is null ? null : DateOnly.Parse(shipped, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(dueDates.Split('|'), plan.Select(i => i.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
        Assert.Equal(grosses.Split('|'), plan.Select(i => i.Gross.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    // net,       tax rate, expected tax, expected gross
    [InlineData(100_000, 0.13, 13_000, 113_000)]
    [InlineData(0.05, 0.13, 0.01, 0.06)]        // 0.0065 rounds half away from zero to 0.01
    [InlineData(0.03, 0.13, 0, 0.03)]           // 0.0039 rounds to 0
    [InlineData(1234.56, 0.06, 74.07, 1308.63)] // 74.0736
    [InlineData(1000, 0, 0, 1000)]
    public void Tax_is_the_net_at_the_rate_to_the_cent_and_gross_is_their_sum(decimal net, decimal rate, decimal tax, decimal gross)
    {
        var money = ContractMoney.Of(net, rate);

        Assert.Equal((net, tax, gross), (money.Net, money.Tax, money.Gross));
    }

    [Fact]
    public void Three_thirds_of_a_hundred_put_the_remaining_cent_on_the_last_instalment()
    {
        var thirds = new List<PaymentTermStep>
        {
            new() { Percent = 33.33m, Days = 0 },
            new() { Percent = 33.33m, Days = 30 },
            new() { Percent = 33.34m, Anchor = InstalmentAnchor.Shipment, Days = 30 },
        };

        var plan = ReceivablePlan.Of(ContractMoney.Of(100m, 0.13m), thirds, Signed, null);

        Assert.Equal([33.33m, 33.33m, 33.34m], plan.Select(i => i.Net));
        Assert.Equal([4.33m, 4.33m, 4.34m], plan.Select(i => i.Tax));
        Assert.Equal(113m, plan.Sum(i => i.Gross));
        Assert.Null(plan[2].DueOn);
    }

    [Fact]
    public void An_awkward_amount_split_thirty_seventy_adds_up_to_the_contract_to_the_cent()
    {
        var money = ContractMoney.Of(99_999.99m, 0.13m);

        var plan = ReceivablePlan.Of(money, Options.TermsOf("deposit-30-70")!, Signed, Signed);

        Assert.Equal(13_000m, money.Tax);
        Assert.Equal(money.Net, plan.Sum(i => i.Net));
        Assert.Equal(money.Tax, plan.Sum(i => i.Tax));
        Assert.Equal(money.Gross, plan.Sum(i => i.Gross));
        Assert.Equal((30_000.00m, 3_900.00m), (plan[0].Net, plan[0].Tax));
        Assert.Equal((69_999.99m, 9_100.00m), (plan[1].Net, plan[1].Tax));
    }

    [Theory]
    [InlineData("net30", 30, 100, null)]
    [InlineData("net30", 30, 99, "must add up to 100")]
    [InlineData("net30", -1, 100, "Days between 0 and 3650")]
    public void Configured_terms_are_checked_at_start(string name, int days, decimal percent, string? problem)
    {
        var options = new ContractToCashOptions { PaymentTerms = { [name] = [new PaymentTermStep { Percent = percent, Days = days }] } };

        var found = options.Validate();

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_configured_term_replaces_the_built_in_one_of_its_name_and_an_unknown_default_is_refused()
    {
        var options = new ContractToCashOptions { PaymentTerms = { ["net30"] = [new PaymentTermStep { Percent = 100, Days = 45 }] } };

        Assert.Equal(45, Assert.Single(options.TermsOf("net30")!).Days);
        Assert.Equal(60, Assert.Single(options.TermsOf("net60")!).Days);
        Assert.Contains("names no payment terms", new ContractToCashOptions { DefaultPaymentTerms = "net45" }.Validate(), StringComparison.Ordinal);
    }
}
