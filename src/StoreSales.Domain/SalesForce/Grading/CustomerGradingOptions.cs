namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>
/// RFM grading (A/B/C). Bound from configuration section <c>SalesForce:Grading</c>; keys and defaults in
/// docs/domain.md ("The sales force"). Members and B2B accounts buy on different scales, so each kind has its own
/// cut-offs; the amounts are the chain's to change (DOMAIN.md fixes none).
/// </summary>
public sealed record CustomerGradingOptions
{
    public const string SectionName = "SalesForce:Grading";

    /// <summary>The window RFM looks at: this many whole calendar days before the grading date. Default 30.</summary>
    public int WindowDays { get; init; } = 30;

    /// <summary>
    /// The chain-local time of day the nightly grading runs for that date (a run missed while the silo was down runs
    /// when it is back). Default 02:00: the day's last sales are in and the stores are closed.
    /// </summary>
    public TimeOnly NightlyAt { get; init; } = new(2, 0);

    /// <summary>A member's grade A. Default: last order within 7 days, 3 orders, 1,000.</summary>
    public RfmCutOffs MemberA { get; init; } = new() { MaxRecencyDays = 7, MinOrders = 3, MinAmount = 1_000m };

    /// <summary>A member's grade B. Default: any order in the window, 1 order, 200.</summary>
    public RfmCutOffs MemberB { get; init; } = new() { MaxRecencyDays = 30, MinOrders = 1, MinAmount = 200m };

    /// <summary>An account's grade A. Default: last order within 7 days, 4 orders, 50,000.</summary>
    public RfmCutOffs AccountA { get; init; } = new() { MaxRecencyDays = 7, MinOrders = 4, MinAmount = 50_000m };

    /// <summary>An account's grade B. Default: any order in the window, 1 order, 5,000.</summary>
    public RfmCutOffs AccountB { get; init; } = new() { MaxRecencyDays = 30, MinOrders = 1, MinAmount = 5_000m };

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (WindowDays is < 1 or > 366)
        {
            return $"{SectionName}:{nameof(WindowDays)} must be between 1 and 366 (is {WindowDays}).";
        }

        return Check(nameof(MemberA), MemberA) ?? Check(nameof(MemberB), MemberB) ?? Check(nameof(AccountA), AccountA) ?? Check(nameof(AccountB), AccountB)
            ?? Ordered(nameof(MemberA), MemberA, nameof(MemberB), MemberB) ?? Ordered(nameof(AccountA), AccountA, nameof(AccountB), AccountB);

        string? Check(string name, RfmCutOffs cutOffs) =>
            cutOffs.MaxRecencyDays < 1 || cutOffs.MaxRecencyDays > WindowDays ? $"{SectionName}:{name}:{nameof(RfmCutOffs.MaxRecencyDays)} must be between 1 and {nameof(WindowDays)} (is {cutOffs.MaxRecencyDays})."
            : cutOffs.MinOrders < 1 ? $"{SectionName}:{name}:{nameof(RfmCutOffs.MinOrders)} must be at least 1 (is {cutOffs.MinOrders})."
            : cutOffs.MinAmount < 0 ? $"{SectionName}:{name}:{nameof(RfmCutOffs.MinAmount)} must not be negative (is {cutOffs.MinAmount})."
            : null;

        // A must ask at least what B asks on every measure, so that an A customer also meets B and the grade is monotone.
        string? Ordered(string aName, RfmCutOffs a, string bName, RfmCutOffs b) =>
            a.AreAtLeastAsStrictAs(b) ? null : $"{SectionName}:{aName} must ask at least as much as {bName} on recency, orders and amount.";
    }
}
