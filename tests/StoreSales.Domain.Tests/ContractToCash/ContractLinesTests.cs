using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;

namespace StoreSales.Domain.Tests.ContractToCash;

/// <summary>
/// Contract lines: each the quantity at its unit price to the cent, the contract's net their sum, the tax shared line by
/// line with the remainder on the last; a line owes its gross's share of what the contract has made due; and the
/// three-way match judges each line against its own documents, red only above the tolerance.
/// </summary>
public sealed class ContractLinesTests
{
    private const decimal Tolerance = 500m;
    private static readonly ContractToCashOptions Options = new();
    private static readonly CreditOptions Credit = new();

    [Fact]
    public void The_net_is_the_lines_sum_and_the_tax_is_shared_with_the_remainder_on_the_last_line()
    {
        ContractLineInput[] lines = [new("PUMP-A", "Infusion pump", 3, 33_333.33m, null), new("SET-B", null, 10, 0.05m, 0.50m), new("SVC", "Service", 1, 0.01m, null)];

        var check = ContractRules.CheckContract("CT-1", "cust-1", null, null, null, null, null, null, new DateOnly(2026, 12, 1), Options, Credit, lines);

        Assert.True(check.IsValid, string.Join("; ", check.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        var draft = check.Document!;
        Assert.Equal(100_000.50m, draft.Money.Net);
        Assert.Equal([1, 2, 3], draft.Lines.Select(l => l.LineNo));
        Assert.Equal([99_999.99m, 0.50m, 0.01m], draft.Lines.Select(l => l.Net));
        // 13 % of each line to the cent, the last line the rest of the contract's 13,000.07.
        Assert.Equal([13_000.00m, 0.07m, 0.00m], draft.Lines.Select(l => l.Tax));
        Assert.Equal(draft.Money.Gross, draft.Lines.Sum(l => l.Gross));
        Assert.Equal(draft.Money.Tax, draft.Lines.Sum(l => l.Tax));
    }

    [Theory]
    // field,                 item,     quantity, unit price, amount, net given
    [InlineData("lines[0].amount", "PUMP", 2, 10.005, 20.00, null)]     // 2 × 10.005 = 20.01 to the cent
    [InlineData("lines[0].quantity", "PUMP", 0, 10, null, null)]
    [InlineData("lines[0].quantity", "PUMP", 1.0005, 10, null, null)]   // at most three decimals
    [InlineData("lines[0].unitPrice", "PUMP", 1, 0.00001, null, null)]  // at most four decimals
    [InlineData("lines[0].item", " ", 1, 10, null, null)]
    [InlineData("net", "PUMP", 2, 10, null, 20.01)]                     // the lines add up to 20.00
    public void A_line_that_does_not_add_up_is_refused_naming_its_field(string field, string item, double quantity, double price, double? amount, double? net)
    {
        var check = ContractRules.CheckContract(
            "CT-1", "cust-1", null, null, (decimal?)net, null, null, null, new DateOnly(2026, 12, 1), Options, Credit,
            [new ContractLineInput(item, null, (decimal)quantity, (decimal)price, (decimal?)amount)]);

        Assert.False(check.IsValid);
        Assert.Contains(field, check.Errors.Keys);
    }

    [Fact]
    public void More_lines_than_configured_are_refused()
    {
        var check = ContractRules.CheckContract(
            "CT-1", "cust-1", null, null, null, null, null, null, new DateOnly(2026, 12, 1), new ContractToCashOptions { MaxContractLines = 2 }, Credit,
            [.. Enumerable.Range(1, 3).Select(i => new ContractLineInput($"I{i}", null, 1, 1, null))]);

        Assert.False(check.IsValid);
        Assert.Equal("At most 2 lines (ContractToCash:MaxContractLines).", Assert.Single(check.Errors["lines"]));
    }

    [Theory]
    [InlineData(33_900, 56_500, 113_000, 16_950)]  // 30 % due of a contract: half the contract's gross owes half of it
    [InlineData(100, 1, 3, 33.33)]                 // to the cent
    [InlineData(100, 1, 0, 0)]
    public void A_line_owes_its_share_of_the_contract_s_due(decimal contractDue, decimal lineGross, decimal contractGross, decimal share) =>
        Assert.Equal(share, ContractLines.DueShare(contractDue, lineGross, contractGross));

    [Theory]
    // A line of ¥56,500 gross, shipped, signed for and invoiced: the invoice against the line's shipment at the tolerance's edge.
    [InlineData(57_000, MatchStatus.Green, null)]
    [InlineData(57_000.01, MatchStatus.Red, MatchFindings.InvoiceDiffers)]
    [InlineData(56_000, MatchStatus.Green, null)]
    [InlineData(55_999.99, MatchStatus.Red, MatchFindings.InvoiceDiffers)]
    public void A_line_is_judged_against_its_own_documents_at_the_tolerance_s_edge(decimal invoiced, MatchStatus status, string? finding)
    {
        var line = new MatchLineFacts("CT-1", 56_500, 1, 56_500, 1, 56_500, 1, invoiced, 0, 0, 0, 0);

        var verdict = ThreeWayMatch.Judge(line, Tolerance);

        Assert.Equal(status, verdict.Status);
        Assert.Equal(finding is null ? [] : [finding], verdict.Findings);
    }

    [Theory]
    [InlineData(57_000, MatchStatus.Yellow)]     // shipped 500 over the line: within the tolerance, only the sign-off is missing
    [InlineData(57_000.01, MatchStatus.Red)]     // over the line's gross by more than the tolerance
    public void Shipping_more_than_the_line_is_red_only_above_the_tolerance(decimal shipped, MatchStatus status)
    {
        var verdict = ThreeWayMatch.Judge(new MatchLineFacts("CT-1", 56_500, 1, shipped, 0, 0, 0, 0, 0, 0, 0, 0), Tolerance);

        Assert.Equal(status, verdict.Status);
        Assert.Equal(status == MatchStatus.Red ? MatchFindings.ShippedOverContract : MatchFindings.SignOffMissing, verdict.Findings[0]);
    }

    [Fact]
    public void A_document_naming_a_line_needs_its_contract()
    {
        var check = ContractRules.CheckDocument(
            ContractDocumentKind.Invoice, "INV-1", "cust-1", null, 100, null, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), null, null, null, null,
            DateTimeOffset.UnixEpoch, Credit, lineNo: 2);

        Assert.Equal(["lineNo"], check.Errors.Keys);
        Assert.Equal(2, ContractRules.CheckDocument(
            ContractDocumentKind.Shipment, "SH-1", "cust-1", "CT-1", 100, null, new DateOnly(2026, 12, 1), null, null, null, null, null, DateTimeOffset.UnixEpoch, Credit, 2).Document!.LineNo);
    }
}
