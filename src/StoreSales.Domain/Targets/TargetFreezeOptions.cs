namespace StoreSales.Domain.Targets;

/// <summary>
/// The freeze day (目标冻结日): after 24:00 store-local on <see cref="FreezeDay"/> a month's targets are read-only and a
/// change becomes a request that <see cref="ApproverRole"/> decides. Bound from <c>Targets:Freeze</c>; defaults are
/// docs/domain.md's ("Sales targets").
/// </summary>
public sealed record TargetFreezeOptions
{
    public const string SectionName = "Targets:Freeze";

    /// <summary>The last day of the month on which targets may still be edited directly. Default the 25th.</summary>
    public int FreezeDay { get; init; } = 25;

    /// <summary>The role that decides a change request after the freeze. Default HQ.</summary>
    public string ApproverRole { get; init; } = "hq";

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        // 28 is the last day every month has: a freeze day that some months lack would never freeze them.
        if (FreezeDay is < 1 or > 28)
        {
            return $"{SectionName}:{nameof(FreezeDay)} must be between 1 and 28 (is {FreezeDay}).";
        }

        return string.IsNullOrWhiteSpace(ApproverRole) ? $"{SectionName}:{nameof(ApproverRole)} must name a role." : null;
    }
}
