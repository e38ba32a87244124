namespace StoreSales.Data.Interventions;

/// <summary>How the intervention journal writes. Bound from configuration section <c>Interventions</c>.</summary>
public sealed record InterventionJournalOptions
{
    public const string SectionName = "Interventions";

    /// <summary>
    /// The keys of <c>Interventions</c> other classes bind: the silo's SLA check period (<c>SlaCheckPeriod</c>) and the
    /// <c>Sla</c> and <c>Escalation</c> sections. Strict binding passes over these and refuses any other unknown key.
    /// </summary>
    public static readonly string[] KeysOfOthers = ["SlaCheckPeriod", "Sla", "Escalation"];

    /// <summary>
    /// Journal writes in flight at once per process; the rest wait their turn. Ten thousand stores going red in the
    /// same minute then queue here instead of taking every connection of the pool from the ledger. Default 4.
    /// </summary>
    public int JournalConcurrency { get; init; } = 4;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        JournalConcurrency is < 1 or > 256 ? $"{SectionName}:{nameof(JournalConcurrency)} must be between 1 and 256 (is {JournalConcurrency})." : null;
}
