namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>
/// Opportunities (商机): the stage paths per product line, their evidence gates and ageing limits, the amount above which
/// entering contract needs a sales director, and the evidence files' size limit. Bound from configuration section
/// <c>Opportunities</c> (both hosts: the command center moves, the grains age); keys and defaults in docs/domain.md
/// "Opportunities".
/// </summary>
public sealed class OpportunityOptions
{
    public const string SectionName = "Opportunities";

    /// <summary>The product line used when an opportunity's own line is not configured.</summary>
    public const string DefaultLine = "Default";

    /// <summary>
    /// The stages per product line (<c>Opportunities:ProductLines:{line}</c>, a list). A line not listed follows
    /// <see cref="DefaultLine"/>; when <see cref="DefaultLine"/> is not listed either, the chain's path:
    /// lead → needs-confirmed (requires needs-confirmation-sheet) → proposal (requires meeting-minutes) → quote → contract → payment.
    /// </summary>
    public Dictionary<string, List<OpportunityStageSetting>> ProductLines { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Entering <see cref="ContractStage"/> with an amount above this needs a sales director's approval. Default 500,000.</summary>
    public decimal ContractApprovalAmount { get; set; } = 500_000m;

    /// <summary>The stage whose entry <see cref="ContractApprovalAmount"/> guards. Default <c>contract</c>.</summary>
    public string ContractStage { get; set; } = "contract";

    /// <summary>No activity in a stage for this long: yellow on the pipeline. Default 7 days; a stage may set its own.</summary>
    public TimeSpan YellowAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>No activity for this long: stalled, an <c>opportunity-stalled</c> intervention. Default 14 days; a stage may set its own.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often an opportunity grain looks at its age (a reminder). Default 1 hour.</summary>
    public TimeSpan AgeingCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Stages besides a path's last from which an opportunity may be closed as won (e.g. <c>contract</c> for a chain that
    /// books the win at signature). Default none: won only from the last stage (<c>payment</c> on the chain's path).
    /// </summary>
    public List<string> WonFrom { get; set; } = [];

    /// <summary>The pipeline page shows, apart from the open stages, what was won or lost in this many days. Default 30.</summary>
    public int PipelineClosedDays { get; set; } = 30;

    /// <summary>Longest reason kept with a close. Default 500 characters.</summary>
    public int CloseReasonMaxLength { get; set; } = 500;

    public OpportunityEvidenceOptions Evidence { get; set; } = new();

    /// <summary>The chain's default path, used when no <see cref="DefaultLine"/> is configured.</summary>
    public static IReadOnlyList<OpportunityStageSetting> ChainPath =>
    [
        new() { Name = "lead" },
        new() { Name = "needs-confirmed", Evidence = ["needs-confirmation-sheet"] },
        new() { Name = "proposal", Evidence = ["meeting-minutes"] },
        new() { Name = "quote" },
        new() { Name = "contract" },
        new() { Name = "payment" },
    ];

    /// <summary>The path of <paramref name="productLine"/>: its own, else the Default line's, else <see cref="ChainPath"/>.</summary>
    public OpportunityPath PathOf(string productLine)
    {
        var line = ProductLines.ContainsKey(productLine) ? productLine : DefaultLine;
        IReadOnlyList<OpportunityStageSetting> settings = ProductLines.TryGetValue(line, out var configured) ? configured : ChainPath;
        return new OpportunityPath(
            line,
            [.. settings.Select((s, i) => new OpportunityStage(s.Name, i, [.. s.Evidence], s.YellowAfter ?? YellowAfter, s.StalledAfter ?? StalledAfter))]);
    }

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (ContractApprovalAmount < 0)
        {
            return $"{SectionName}:{nameof(ContractApprovalAmount)} must not be negative (is {ContractApprovalAmount}).";
        }

        if (AgeingCheckPeriod < TimeSpan.FromSeconds(1) || AgeingCheckPeriod > TimeSpan.FromDays(1))
        {
            return $"{SectionName}:{nameof(AgeingCheckPeriod)} must be between 1 second and 1 day (is {AgeingCheckPeriod}).";
        }

        if (WonFrom.Any(string.IsNullOrWhiteSpace))
        {
            return $"{SectionName}:{nameof(WonFrom)} names an empty stage.";
        }

        if (PipelineClosedDays is < 1 or > 366)
        {
            return $"{SectionName}:{nameof(PipelineClosedDays)} must be between 1 and 366 (is {PipelineClosedDays}).";
        }

        if (CloseReasonMaxLength is < 10 or > 4000)
        {
            return $"{SectionName}:{nameof(CloseReasonMaxLength)} must be between 10 and 4000 (is {CloseReasonMaxLength}).";
        }

        if (Evidence.Validate() is { } evidence)
        {
            return evidence;
        }

        var lines = ProductLines.Count == 0 ? [DefaultLine] : ProductLines.Keys.Append(DefaultLine).Distinct(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (ValidatePath(PathOf(line)) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private string? ValidatePath(OpportunityPath path)
    {
        var where = $"{SectionName}:{nameof(ProductLines)}:{path.ProductLine}";
        if (path.Stages.Length < 2)
        {
            return $"{where} must have at least two stages (has {path.Stages.Length}).";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in path.Stages)
        {
            if (string.IsNullOrWhiteSpace(stage.Name) || !names.Add(stage.Name))
            {
                return $"{where}:{stage.Index}:Name must be a name of its own (is '{stage.Name}').";
            }

            if (stage.YellowAfter <= TimeSpan.Zero || stage.StalledAfter <= stage.YellowAfter)
            {
                return $"{where}:{stage.Index} ({stage.Name}): YellowAfter must be positive and StalledAfter longer (are {stage.YellowAfter} and {stage.StalledAfter}).";
            }

            if (stage.Evidence.Any(string.IsNullOrWhiteSpace))
            {
                return $"{where}:{stage.Index} ({stage.Name}): an evidence name is empty.";
            }
        }

        return names.Contains(ContractStage) && path.Find(ContractStage)!.Index > 0
            ? null
            : $"{where} has no stage '{ContractStage}' after its first ({SectionName}:{nameof(ContractStage)}).";
    }
}

/// <summary>Evidence files (section <c>Opportunities:Evidence</c>).</summary>
public sealed class OpportunityEvidenceOptions
{
    /// <summary>The largest evidence file accepted, in bytes. Default 10 MiB.</summary>
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    public string? Validate() =>
        MaxBytes is < 1024 or > 64 * 1024 * 1024
            ? $"{OpportunityOptions.SectionName}:Evidence:{nameof(MaxBytes)} must be between 1 KiB and 64 MiB (is {MaxBytes})."
            : null;
}
