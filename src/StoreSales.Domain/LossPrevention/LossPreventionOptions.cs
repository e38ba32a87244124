namespace StoreSales.Domain.LossPrevention;

/// <summary>The scan-vs-receipt check's settings (section <c>LossPrevention</c>).</summary>
public sealed class LossPreventionOptions
{
    public const string SectionName = "LossPrevention";

    /// <summary>A scan whose item is on no receipt of its terminal captured within this long after it is unreceipted. Default 10 min.</summary>
    public TimeSpan ScanToReceiptWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Share of a terminal's and cashier's judged scans of a day that may go unreceipted; above it, an intervention. Default 0.05.</summary>
    public decimal UnreceiptedRateThreshold { get; set; } = 0.05m;

    /// <summary>Judged scans a terminal and cashier need in a day before their rate is judged (a handful of scans says nothing). Default 20.</summary>
    public int MinimumScans { get; set; } = 20;

    /// <summary>How often the silo runs the check over today's scans. Default 5 min.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most unreceipted scans listed as evidence in one intervention. Default 20.</summary>
    public int EvidenceScans { get; set; } = 20;

    public string? Validate() =>
        ScanToReceiptWindow <= TimeSpan.Zero || ScanToReceiptWindow > TimeSpan.FromDays(1) ? $"{SectionName}:{nameof(ScanToReceiptWindow)} must be above 0 and at most 1 day (is {ScanToReceiptWindow})."
        : UnreceiptedRateThreshold is < 0 or >= 1 ? $"{SectionName}:{nameof(UnreceiptedRateThreshold)} must be at least 0 and below 1 (is {UnreceiptedRateThreshold})."
        : MinimumScans < 1 ? $"{SectionName}:{nameof(MinimumScans)} must be at least 1 (is {MinimumScans})."
        : CheckInterval < TimeSpan.FromSeconds(1) ? $"{SectionName}:{nameof(CheckInterval)} must be at least 1 s (is {CheckInterval})."
        : EvidenceScans < 1 ? $"{SectionName}:{nameof(EvidenceScans)} must be at least 1 (is {EvidenceScans})."
        : null;
}
