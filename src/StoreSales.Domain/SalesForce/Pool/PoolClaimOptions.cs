namespace StoreSales.Domain.SalesForce.Pool;

/// <summary>
/// Claims from the public pool (公海). Bound from configuration section <c>SalesForce:Pool</c>; keys and defaults
/// in docs/domain.md ("The sales force"). DOMAIN.md fixes no numbers here: the defaults are the chain's to change.
/// </summary>
public sealed record PoolClaimOptions
{
    public const string SectionName = "SalesForce:Pool";

    /// <summary>How many pool customers one rep may claim per calendar day (chain time zone). Default 5.</summary>
    public int DailyClaimCap { get; init; } = 5;

    /// <summary>
    /// Calendar days after a release during which the rep it was released from may not claim it back. Default 30:
    /// a customer let go for 45 days goes to someone else first.
    /// </summary>
    public int FormerOwnerBarredDays { get; init; } = 30;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (DailyClaimCap < 1)
        {
            return $"{SectionName}:{nameof(DailyClaimCap)} must be at least 1 (is {DailyClaimCap}).";
        }

        return FormerOwnerBarredDays < 0
            ? $"{SectionName}:{nameof(FormerOwnerBarredDays)} must not be negative (is {FormerOwnerBarredDays})."
            : null;
    }
}
