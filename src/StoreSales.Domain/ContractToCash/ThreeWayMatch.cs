namespace StoreSales.Domain.ContractToCash;

/// <summary>The colour of a line on the three-way match board.</summary>
public enum MatchStatus
{
    /// <summary>Every document there and the amounts agree within the tolerance.</summary>
    Green = 0,

    /// <summary>A document is missing (not shipped, not signed for, not invoiced, nothing paid of what is due).</summary>
    Yellow = 1,

    /// <summary>An amount differs by more than the tolerance, or a classic failure.</summary>
    Red = 2,
}

/// <summary>
/// What the board knows of one line: a contract with the sums and counts of its documents, or a document that names no
/// contract (<see cref="ContractId"/> null). <see cref="DueSoFar"/> is the gross of the contract's instalments due by the
/// day the board is read for.
/// </summary>
public sealed record MatchLineFacts(
    string? ContractId,
    decimal ContractGross,
    int Shipments,
    decimal Shipped,
    int SignOffs,
    decimal SignedOff,
    int Invoices,
    decimal Invoiced,
    int RebateReceivables,
    int Payments,
    decimal Paid,
    decimal DueSoFar);

/// <summary>A line's colour and every finding behind it (codes of <see cref="MatchFindings"/>), red ones first.</summary>
public sealed record MatchVerdict(MatchStatus Status, IReadOnlyList<string> Findings);

/// <summary>The findings of the three-way match as the API, the export and the pages name them.</summary>
public static class MatchFindings
{
    // The classic failures, named as such (red).
    public const string PaidWithoutContract = "paid-without-contract";
    public const string InvoicedNotShipped = "invoiced-not-shipped";
    public const string RebateBookedAsReceivable = "rebate-booked-as-receivable";

    // Amount differences above the tolerance (red).
    public const string ShippedOverContract = "shipped-over-contract";
    public const string SignOffDiffers = "sign-off-differs";
    public const string InvoiceDiffers = "invoice-differs";
    public const string Overpaid = "overpaid";
    public const string Underpaid = "underpaid";

    // A document missing (yellow).
    public const string ContractMissing = "contract-missing";
    public const string ShipmentMissing = "shipment-missing";
    public const string SignOffMissing = "sign-off-missing";
    public const string InvoiceMissing = "invoice-missing";
    public const string PaymentMissing = "payment-missing";

    public static readonly IReadOnlySet<string> Red = new HashSet<string>(StringComparer.Ordinal)
    {
        PaidWithoutContract, InvoicedNotShipped, RebateBookedAsReceivable, ShippedOverContract, SignOffDiffers, InvoiceDiffers, Overpaid, Underpaid,
    };

    public static readonly IReadOnlyList<string> All =
    [
        PaidWithoutContract, InvoicedNotShipped, RebateBookedAsReceivable, ShippedOverContract, SignOffDiffers, InvoiceDiffers, Overpaid, Underpaid,
        ContractMissing, ShipmentMissing, SignOffMissing, InvoiceMissing, PaymentMissing,
    ];
}

/// <summary>
/// The three-way match (三单匹配, docs/domain.md "Contract to cash"): a contract line against its shipments, the
/// customer's sign-offs, its invoices and its payments. Red when an amount differs by more than the tolerance
/// (<see cref="ContractToCashOptions.MatchTolerance"/>; exactly the tolerance still matches) or for a classic failure —
/// paid but no contract recorded, invoiced but not shipped, a rebate settlement booked as a receivable; yellow when a
/// document is missing; green otherwise. Pure.
/// </summary>
public static class ThreeWayMatch
{
    public static MatchVerdict Judge(MatchLineFacts line, decimal tolerance)
    {
        var findings = new List<string>();
        if (line.RebateReceivables > 0)
        {
            findings.Add(MatchFindings.RebateBookedAsReceivable);
        }

        if (line.ContractId is null)
        {
            findings.Add(line.Payments > 0 ? MatchFindings.PaidWithoutContract : MatchFindings.ContractMissing);
            return Verdict(findings);
        }

        if (line.Invoices > 0 && line.Shipments == 0)
        {
            findings.Add(MatchFindings.InvoicedNotShipped);
        }

        if (line.Shipped - line.ContractGross > tolerance)
        {
            findings.Add(MatchFindings.ShippedOverContract);
        }

        if (line.SignOffs > 0 && Differs(line.SignedOff, line.Shipped, tolerance))
        {
            findings.Add(MatchFindings.SignOffDiffers);
        }

        if (line.Invoices > 0 && line.Shipments > 0 && Differs(line.Invoiced, line.Shipped, tolerance))
        {
            findings.Add(MatchFindings.InvoiceDiffers);
        }

        // Paid beyond what was invoiced (or, with no invoice yet, beyond the contract); paid less than what is invoiced and due.
        if (line.Paid - (line.Invoices > 0 ? line.Invoiced : line.ContractGross) > tolerance)
        {
            findings.Add(MatchFindings.Overpaid);
        }
        else if (line.Payments > 0 && line.Invoices > 0 && Math.Min(line.Invoiced, line.DueSoFar) - line.Paid > tolerance)
        {
            findings.Add(MatchFindings.Underpaid);
        }

        if (line.Shipments == 0)
        {
            findings.Add(MatchFindings.ShipmentMissing);
        }
        else if (line.SignOffs == 0)
        {
            findings.Add(MatchFindings.SignOffMissing);
        }

        if (line.Shipments > 0 && line.Invoices == 0)
        {
            findings.Add(MatchFindings.InvoiceMissing);
        }

        if (line.Payments == 0 && line.DueSoFar > 0)
        {
            findings.Add(MatchFindings.PaymentMissing);
        }

        return Verdict(findings);
    }

    /// <summary>
    /// A contract with lines, as one: the colour of its worst line, and every finding of its lines once (red ones first),
    /// so that its header says at a glance what its lines say. No lines: green with nothing found.
    /// </summary>
    public static MatchVerdict OfContract(IEnumerable<MatchVerdict> lines) =>
        Verdict(lines.SelectMany(l => l.Findings).Distinct(StringComparer.Ordinal).ToList());

    private static bool Differs(decimal a, decimal b, decimal tolerance) => Math.Abs(a - b) > tolerance;

    private static MatchVerdict Verdict(List<string> findings)
    {
        var ordered = findings.OrderBy(f => MatchFindings.Red.Contains(f) ? 0 : 1).ToList();
        var status = ordered.Count == 0 ? MatchStatus.Green : MatchFindings.Red.Contains(ordered[0]) ? MatchStatus.Red : MatchStatus.Yellow;
        return new MatchVerdict(status, ordered);
    }
}
