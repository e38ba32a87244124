using StoreSales.Data.ContractToCash;
using StoreSales.Data.Credit;
using StoreSales.Domain.ContractToCash;

namespace StoreSales.CommandCenter.ContractToCash;

/// <summary>
/// A contract as the ERP or a page sends it. From an opportunity (<see cref="OpportunityId"/>) the customer, the net and
/// the title default to the opportunity's; <see cref="PaymentTerms"/> defaults to <c>ContractToCash:DefaultPaymentTerms</c>,
/// <see cref="TaxRate"/> to <c>ContractToCash:TaxRate</c>.
/// </summary>
public sealed record ContractRequest(
    string? ContractId, string? CustomerId, string? OpportunityId, string? Title, decimal? Net, string? Currency, decimal? TaxRate, string? PaymentTerms, DateOnly? SignedOn)
{
    /// <summary>The contract's lines (item, description, quantity, unit price, optional amount); the net is their sum. None: the contract is one line.</summary>
    public IReadOnlyList<ContractLineInput>? Lines { get; init; }
}

/// <summary>A shipment, sign-off, invoice or payment of a contract (JSON); which fields apply depends on the kind.</summary>
public sealed record ContractDocumentRequest(
    string? DocumentNo,
    string? CustomerId,
    string? ContractId,
    decimal? Amount,
    string? Currency,
    DateOnly? ShippedOn,
    DateOnly? SignedOn,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    DateTimeOffset? PaidAt,
    string? AppliedTo,
    string? ShipmentNo,
    string? Purpose)
{
    /// <summary>The contract line (1, 2, …) the document is for; left out, it matches at contract level.</summary>
    public int? LineNo { get; init; }
}

/// <summary>A contract or document kept (or found kept, or linked to its contract now).</summary>
public sealed record ContractKeptAnswer(string Number, string CustomerId, string Outcome);

/// <summary>A CSV import's report as the API answers it.</summary>
public sealed record ContractImportAnswer(string Kind, int Rows, int Recorded, int AlreadyRecorded, int Linked, bool Stopped, IReadOnlyList<ImportedRowRejection> Rejected)
{
    public static ContractImportAnswer Of(ContractImportReport r) => new(r.Kind, r.Rows, r.Recorded, r.AlreadyRecorded, r.Linked, r.Stopped, r.Rejected);
}

/// <summary>
/// One line of the board: customer, month (yyyy-MM), the contract line (<c>contract-line</c>, key <c>{contract}:{line}</c>),
/// contract or lone document, its colour and findings, and the sums compared (a line's contract gross is the line's).
/// </summary>
public sealed record MatchLineAnswer(
    string CustomerId,
    string CustomerName,
    string Month,
    string LineKind,
    string LineKey,
    string Status,
    IReadOnlyList<string> Findings,
    decimal ContractGross,
    decimal Shipped,
    decimal SignedOff,
    decimal Invoiced,
    decimal Paid,
    decimal DueSoFar)
{
    /// <summary>The contract of a contract or contract-line row.</summary>
    public string? ContractId { get; init; }

    /// <summary>A contract line's number and item (null for other rows).</summary>
    public int? LineNo { get; init; }

    /// <inheritdoc cref="LineNo"/>
    public string? Item { get; init; }

    public static MatchLineAnswer Of(MatchLine l) => new(
        l.CustomerId, l.CustomerName, l.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), l.LineKind, l.LineKey, StatusName(l.Verdict.Status),
        l.Verdict.Findings, l.Facts.ContractGross, l.Facts.Shipped, l.Facts.SignedOff, l.Facts.Invoiced, l.Facts.Paid, l.Facts.DueSoFar)
    {
        ContractId = l.Facts.ContractId,
        LineNo = l.LineNo,
        Item = l.Item,
    };

    /// <summary>A verdict's status as answers carry it: its name in lower case (green, yellow, red).</summary>
    public static string StatusName(MatchStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// Each contract's verdict as its header on the contracts page shows it: its own line's, or for a contract with lines
    /// its lines' together (<see cref="ThreeWayMatch.OfContract"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, MatchVerdict> ContractVerdicts(IEnumerable<MatchLineAnswer> lines) =>
        lines.Where(l => l.ContractId is not null && l.LineKind is "contract" or "contract-line")
            .GroupBy(l => l.ContractId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ThreeWayMatch.OfContract(g.Select(l => new MatchVerdict(Enum.Parse<MatchStatus>(l.Status, ignoreCase: true), l.Findings))), StringComparer.Ordinal);
}

/// <summary>A customer's month on the board: how many lines are green, yellow and red.</summary>
public sealed record MatchMonthAnswer(string CustomerId, string CustomerName, string Month, int Green, int Yellow, int Red);

/// <summary>The board: the months asked, the tolerance it judged by, per customer and month the counts, and the lines.</summary>
public sealed record MatchBoardAnswer(string From, string To, decimal Tolerance, IReadOnlyList<MatchMonthAnswer> Months, IReadOnlyList<MatchLineAnswer> Lines)
{
    /// <summary>
    /// This board with one customer's months and lines replaced by <paramref name="customer"/> (that customer alone, read
    /// again for the same months): what a live change of one customer costs an open board, instead of reading every
    /// customer again. The customers stay in the board's order; an empty read removes the customer.
    /// </summary>
    public MatchBoardAnswer WithCustomer(string customerId, MatchBoardAnswer customer) => this with
    {
        Months = [.. Months.Where(m => m.CustomerId != customerId).Concat(customer.Months.Where(m => m.CustomerId == customerId)).OrderBy(m => m.CustomerId, StringComparer.Ordinal)],
        Lines = [.. Lines.Where(l => l.CustomerId != customerId).Concat(customer.Lines.Where(l => l.CustomerId == customerId)).OrderBy(l => l.CustomerId, StringComparer.Ordinal)],
    };
}

/// <summary>
/// A board line's documents: the contract with its plan and documents (for a contract line, only the documents naming
/// that line, and the line itself in <see cref="ContractLine"/>), or the lone document.
/// </summary>
public sealed record MatchDrillAnswer(MatchLineAnswer? Line, ContractRecord? Contract, ContractDocumentRecord? Document)
{
    public ContractLineRecord? ContractLine { get; init; }
}
