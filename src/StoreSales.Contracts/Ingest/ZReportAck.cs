namespace StoreSales.Contracts.Ingest;

/// <summary>The silo's answer to a Z report: stored (or already stored), and how the day reconciles now.</summary>
public sealed record ZReportAck
{
    public string TerminalId { get; init; } = "";

    public DateOnly BusinessDay { get; init; }

    /// <summary>True when this Z was already stored (a retried upload).</summary>
    public bool Duplicate { get; init; }

    /// <summary><c>equal</c>, <c>explained</c> or <c>unexplained</c> (docs/domain.md "Day-end reconciliation").</summary>
    public string Verdict { get; init; } = "";

    public DateTimeOffset ServerTime { get; init; }
}
