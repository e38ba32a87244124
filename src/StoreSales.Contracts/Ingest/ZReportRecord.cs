namespace StoreSales.Contracts.Ingest;

/// <summary>
/// A till's day-end report (Z report, 日结) as the edge agent sends it to <c>POST /api/stores/{storeId}/z-reports</c>.
/// Identified by (store, <see cref="TerminalId"/>, <see cref="BusinessDay"/>): sent again it changes nothing.
/// </summary>
public sealed record ZReportRecord
{
    public string TerminalId { get; init; } = "";

    /// <summary>The business day the till closed (its own calendar day of trade).</summary>
    public DateOnly BusinessDay { get; init; }

    /// <summary>The till's Z counter, when it prints one.</summary>
    public string? ZNumber { get; init; }

    /// <summary>When the till closed the day (its own clock).</summary>
    public DateTimeOffset ClosedAt { get; init; }

    /// <summary>When the agent captured the Z (the agent's clock).</summary>
    public DateTimeOffset CapturedAt { get; init; }

    /// <summary>The agent's last sale sequence of the terminal when the Z arrived (0 before its first sale): the sales the Z covers end there.</summary>
    public long LastSequence { get; init; }

    /// <summary>Number of sales (kind <c>sale</c>).</summary>
    public int Count { get; init; }

    /// <summary>Sum of the sales' totals.</summary>
    public decimal Gross { get; init; }

    /// <summary>Sum of the returns' totals, signed as the till writes them.</summary>
    public decimal Returns { get; init; }

    /// <summary>Number of voided receipts.</summary>
    public int Voids { get; init; }

    /// <summary>Takings per tender method.</summary>
    public IReadOnlyList<TenderRecord> Tenders { get; init; } = [];

    /// <summary>Sequences up to <see cref="LastSequence"/> the server refused (the agent's rejected sales), so the silo can say why they are absent.</summary>
    public IReadOnlyList<long> RejectedSequences { get; init; } = [];
}
