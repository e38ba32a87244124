namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>
/// The discount tier matrix (三级价格弹性矩阵, docs/domain.md "Quotes"), bound from <c>Quotes:Tiers</c>: the deepest
/// discount a rep of each level may give on their own, and the deepest a sales director may approve; anything deeper
/// needs legal and finance both.
/// </summary>
public sealed record QuoteTierOptions
{
    /// <summary>
    /// Per rep level (the <c>rep.level</c> of master data), the deepest line discount in percent that is approved at once.
    /// Defaults: junior 5, senior 10. A level not listed has no authority of its own (0).
    /// </summary>
    public Dictionary<string, decimal> RepAuthority { get; init; } = new(StringComparer.Ordinal) { ["junior"] = 5m, ["senior"] = 10m };

    /// <summary>The deepest line discount in percent a sales director may approve; deeper needs legal and finance. Default 20.</summary>
    public decimal DirectorLimit { get; init; } = 20m;

    /// <summary>The authority of a level: its configured percent, 0 for a level not listed.</summary>
    public decimal AuthorityOf(string level) => RepAuthority.TryGetValue(level, out var percent) ? percent : 0m;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate(string section)
    {
        if (DirectorLimit is <= 0m or >= 100m)
        {
            return $"{section}:{nameof(DirectorLimit)} must be above 0 and below 100 percent (is {DirectorLimit}).";
        }

        foreach (var (level, percent) in RepAuthority)
        {
            if (percent < 0m || percent > DirectorLimit)
            {
                return $"{section}:{nameof(RepAuthority)}:{level} must be between 0 and {nameof(DirectorLimit)} ({DirectorLimit}) percent (is {percent}).";
            }
        }

        return null;
    }
}
