using StoreSales.Domain.Access;

namespace StoreSales.Domain.Credit;

/// <summary>B2B orders' settings. Bound from <c>Orders</c>; keys and defaults in docs/domain.md ("Credit hold").</summary>
public sealed record OrderOptions
{
    public const string SectionName = "Orders";

    /// <summary>The role that releases (or cancels) an order held by the credit check. Default <c>finance</c>.</summary>
    public string ReleaseApproverRole { get; init; } = ChainRoles.Finance;

    /// <summary>
    /// How long a held order's release may wait before the approvals inbox escalates it. Default one day. (Until the
    /// approvals' own SLA settings are merged, the order's approval request is due this long after it is filed.)
    /// </summary>
    public TimeSpan ReleaseDueAfter { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The most lines one order may carry. Default 200.</summary>
    public int MaxLines { get; init; } = 200;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (!ChainRoles.People.Contains(ReleaseApproverRole))
        {
            return $"{SectionName}:{nameof(ReleaseApproverRole)} must be one of {string.Join(", ", ChainRoles.People)} (is \"{ReleaseApproverRole}\").";
        }

        if (ReleaseDueAfter <= TimeSpan.Zero || ReleaseDueAfter > TimeSpan.FromDays(31))
        {
            return $"{SectionName}:{nameof(ReleaseDueAfter)} must be more than zero and at most 31 days (is {ReleaseDueAfter}); write days as d.hh:mm:ss.";
        }

        return MaxLines is < 1 or > 10_000 ? $"{SectionName}:{nameof(MaxLines)} must be between 1 and 10000 (is {MaxLines})." : null;
    }
}
