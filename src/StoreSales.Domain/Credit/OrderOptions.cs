using StoreSales.Domain.Access;

namespace StoreSales.Domain.Credit;

/// <summary>B2B orders' settings. Bound from <c>Orders</c>; keys and defaults in docs/domain.md ("Credit hold").</summary>
public sealed record OrderOptions
{
    public const string SectionName = "Orders";

    /// <summary>The role that releases (or cancels) an order held by the credit check. Default <c>finance</c>.</summary>
    public string ReleaseApproverRole { get; init; } = ChainRoles.Finance;

    /// <summary>The most lines one order may carry. Default 200.</summary>
    public int MaxLines { get; init; } = 200;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (!ChainRoles.People.Contains(ReleaseApproverRole))
        {
            return $"{SectionName}:{nameof(ReleaseApproverRole)} must be one of {string.Join(", ", ChainRoles.People)} (is \"{ReleaseApproverRole}\").";
        }

        return MaxLines is < 1 or > 10_000 ? $"{SectionName}:{nameof(MaxLines)} must be between 1 and 10000 (is {MaxLines})." : null;
    }
}
