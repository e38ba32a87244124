using StoreSales.Domain.ContractToCash;

namespace StoreSales.Domain.Tests.ContractToCash;

/// <summary>
/// The three-way match (三单匹配): green when shipment, sign-off, invoice and payment agree; yellow when one is missing;
/// red when an amount differs by more than the tolerance (exactly the tolerance still matches) and for the classic
/// failures, each named as such.
/// </summary>
public sealed class ThreeWayMatchTests
{
    private const decimal Tolerance = 500m;

    /// <summary>A contract of ¥113,000 gross, shipped, signed for, invoiced and paid in full, all due.</summary>
    private static readonly MatchLineFacts Matched = new("CT-1", 113_000, 1, 113_000, 1, 113_000, 1, 113_000, 0, 1, 113_000, 113_000);

    [Fact]
    public void Every_document_agreeing_is_green()
    {
        var verdict = ThreeWayMatch.Judge(Matched, Tolerance);

        Assert.Equal(MatchStatus.Green, verdict.Status);
        Assert.Empty(verdict.Findings);
    }

    [Theory]
    // invoiced,  expected status, finding
    [InlineData(113_500, MatchStatus.Green, null)]                         // exactly the tolerance above: matched
    [InlineData(113_500.01, MatchStatus.Red, MatchFindings.InvoiceDiffers)] // a cent above it: red
    [InlineData(112_500, MatchStatus.Green, null)]                         // exactly the tolerance below
    [InlineData(112_499.99, MatchStatus.Red, MatchFindings.InvoiceDiffers)]
    public void An_invoice_differing_from_the_shipment_is_red_only_above_the_tolerance(decimal invoiced, MatchStatus status, string? finding)
    {
        var verdict = ThreeWayMatch.Judge(Matched with { Invoiced = invoiced, Paid = invoiced }, Tolerance);

        Assert.Equal(status, verdict.Status);
        Assert.Equal(finding is null ? [] : [finding], verdict.Findings);
    }

    [Theory]
    [InlineData(113_500, MatchStatus.Green)]
    [InlineData(113_500.01, MatchStatus.Red)]
    public void A_payment_above_the_invoice_is_red_only_above_the_tolerance(decimal paid, MatchStatus status)
    {
        var verdict = ThreeWayMatch.Judge(Matched with { Paid = paid }, Tolerance);

        Assert.Equal(status, verdict.Status);
        Assert.Equal(status == MatchStatus.Red ? [MatchFindings.Overpaid] : [], verdict.Findings);
    }

    [Theory]
    [InlineData(112_500, MatchStatus.Green)]
    [InlineData(112_499.99, MatchStatus.Red)]
    public void A_sign_off_for_another_amount_than_shipped_is_red_only_above_the_tolerance(decimal signedOff, MatchStatus status)
    {
        Assert.Equal(status, ThreeWayMatch.Judge(Matched with { SignedOff = signedOff }, Tolerance).Status);
    }

    [Fact]
    public void A_tolerance_of_zero_makes_a_cent_red()
    {
        Assert.Equal(MatchStatus.Red, ThreeWayMatch.Judge(Matched with { Invoiced = 113_000.01m, Paid = 113_000.01m }, 0).Status);
    }

    [Fact]
    public void Paid_less_than_what_is_invoiced_and_due_is_red_but_an_instalment_not_yet_due_is_not()
    {
        // Deposit 30 % paid, the 70 % not due yet: matched. Once it is due and still short: underpaid.
        var deposit = Matched with { Paid = 33_900, DueSoFar = 33_900 };

        Assert.Equal(MatchStatus.Green, ThreeWayMatch.Judge(deposit, Tolerance).Status);
        Assert.Equal([MatchFindings.Underpaid], ThreeWayMatch.Judge(deposit with { DueSoFar = 113_000 }, Tolerance).Findings);
    }

    [Theory]
    // shipments, sign-offs, invoices, payments, due so far, finding
    [InlineData(0, 0, 0, 0, 0, MatchFindings.ShipmentMissing)]       // signed, nothing shipped yet
    [InlineData(1, 0, 1, 1, 113_000, MatchFindings.SignOffMissing)]  // shipped, the customer has not signed for it
    [InlineData(1, 1, 0, 0, 0, MatchFindings.InvoiceMissing)]        // shipped and signed, not invoiced
    [InlineData(1, 1, 1, 0, 113_000, MatchFindings.PaymentMissing)]  // invoiced and due, nothing paid
    public void A_missing_document_is_yellow_and_named(int shipments, int signOffs, int invoices, int payments, decimal due, string finding)
    {
        var line = Matched with
        {
            Shipments = shipments, Shipped = shipments * 113_000m, SignOffs = signOffs, SignedOff = signOffs * 113_000m,
            Invoices = invoices, Invoiced = invoices * 113_000m, Payments = payments, Paid = payments * 113_000m, DueSoFar = due,
        };

        var verdict = ThreeWayMatch.Judge(line, Tolerance);

        Assert.Equal(MatchStatus.Yellow, verdict.Status);
        Assert.Equal([finding], verdict.Findings);
    }

    [Fact]
    public void Nothing_due_and_nothing_paid_is_no_missing_payment()
    {
        Assert.Equal(MatchStatus.Green, ThreeWayMatch.Judge(Matched with { Payments = 0, Paid = 0, DueSoFar = 0 }, Tolerance).Status);
    }

    [Fact]
    public void Paid_but_no_contract_recorded_is_red_and_named()
    {
        var verdict = ThreeWayMatch.Judge(new MatchLineFacts(null, 0, 0, 0, 0, 0, 0, 0, 0, 1, 50_000, 0), Tolerance);

        Assert.Equal(MatchStatus.Red, verdict.Status);
        Assert.Equal([MatchFindings.PaidWithoutContract], verdict.Findings);
    }

    [Fact]
    public void An_invoice_naming_no_contract_is_yellow_for_the_missing_contract()
    {
        var verdict = ThreeWayMatch.Judge(new MatchLineFacts(null, 0, 0, 0, 0, 0, 1, 20_000, 0, 0, 0, 0), Tolerance);

        Assert.Equal((MatchStatus.Yellow, MatchFindings.ContractMissing), (verdict.Status, Assert.Single(verdict.Findings)));
    }

    [Fact]
    public void Invoiced_but_not_shipped_is_red_and_named_before_the_missing_shipment()
    {
        var verdict = ThreeWayMatch.Judge(Matched with { Shipments = 0, Shipped = 0, SignOffs = 0, SignedOff = 0 }, Tolerance);

        Assert.Equal(MatchStatus.Red, verdict.Status);
        Assert.Equal([MatchFindings.InvoicedNotShipped, MatchFindings.ShipmentMissing], verdict.Findings);
    }

    [Fact]
    public void A_rebate_settlement_booked_as_a_receivable_is_red_and_named_with_or_without_a_contract()
    {
        Assert.Equal([MatchFindings.RebateBookedAsReceivable], ThreeWayMatch.Judge(Matched with { RebateReceivables = 1 }, Tolerance).Findings);
        Assert.Equal(
            [MatchFindings.RebateBookedAsReceivable, MatchFindings.ContractMissing],
            ThreeWayMatch.Judge(new MatchLineFacts(null, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0), Tolerance).Findings);
    }

    [Fact]
    public void Shipping_more_than_the_contract_beyond_the_tolerance_is_red()
    {
        var over = Matched with { Shipped = 113_500.01m, SignedOff = 113_500.01m, Invoiced = 113_500.01m, Paid = 113_500.01m };

        Assert.Equal([MatchFindings.ShippedOverContract], ThreeWayMatch.Judge(over, Tolerance).Findings);
    }

    [Fact]
    public void A_contract_with_lines_takes_its_worst_line_s_colour_and_every_finding_once_red_first()
    {
        var green = ThreeWayMatch.Judge(Matched, Tolerance);
        var yellow = ThreeWayMatch.Judge(Matched with { Payments = 0, Paid = 0 }, Tolerance);
        var red = ThreeWayMatch.Judge(Matched with { Invoiced = 120_000m, Paid = 0, Payments = 0 }, Tolerance);

        var allGreen = ThreeWayMatch.OfContract([green, green]);
        var someYellow = ThreeWayMatch.OfContract([green, yellow, yellow]);
        var mixed = ThreeWayMatch.OfContract([yellow, green, red]);
        Assert.Equal(MatchStatus.Green, allGreen.Status);
        Assert.Empty(allGreen.Findings);
        Assert.Equal(MatchStatus.Yellow, someYellow.Status);
        Assert.Equal([MatchFindings.PaymentMissing], someYellow.Findings);
        Assert.Equal(MatchStatus.Red, mixed.Status);
        Assert.Equal([MatchFindings.InvoiceDiffers, MatchFindings.PaymentMissing], mixed.Findings);
    }
}
