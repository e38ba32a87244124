namespace StoreSales.Domain.Approvals;

/// <summary>
/// How long each kind of approval request may wait before it is overdue, and how often the overdue check runs
/// (configuration section <c>Approvals</c>; docs/domain.md "Approvals"). The kind that files a request computes its due
/// time here (<see cref="DueAt"/>), so every kind's SLA is read from one place.
/// </summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>Beyond this an SLA is almost surely a TimeSpan misread (<c>48:00:00</c> is 48 days, not hours).</summary>
    public static readonly TimeSpan LongestSla = TimeSpan.FromDays(30);

    /// <summary>
    /// Per kind (<see cref="ApprovalKinds"/>), how long a request may wait for its decisions:
    /// <c>Approvals:Sla:contract-entry</c> (default 1 day), <c>Approvals:Sla:quote</c> (1 day),
    /// <c>Approvals:Sla:order-release</c> (4 hours: a held order keeps goods from a customer).
    /// </summary>
    public Dictionary<string, TimeSpan> Sla { get; init; } = new(StringComparer.Ordinal)
    {
        [ApprovalKinds.ContractEntry] = TimeSpan.FromDays(1),
        [ApprovalKinds.Quote] = TimeSpan.FromDays(1),
        [ApprovalKinds.OrderRelease] = TimeSpan.FromHours(4),
    };

    /// <summary>How often the overdue check looks for pending requests past their due time. Default 1 minute.</summary>
    public TimeSpan OverdueCheckEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many overdue requests are escalated per check (the rest at the next). Default 500.</summary>
    public int OverdueBatch { get; init; } = 500;

    /// <summary>At most this many requests in one inbox list. Default 200.</summary>
    public int InboxLimit { get; init; } = 200;

    /// <summary>The approver's side panel shows the customer's purchases of this many days. Default 180.</summary>
    public int CustomerHistoryDays { get; init; } = 180;

    /// <summary>The approver's side panel shows at most this many interactions, purchases and earlier requests each. Default 20.</summary>
    public int CustomerHistoryItems { get; init; } = 20;

    /// <summary>When a request of <paramref name="kind"/> filed at <paramref name="requestedAt"/> falls due.</summary>
    public DateTimeOffset DueAt(string kind, DateTimeOffset requestedAt) =>
        Sla.TryGetValue(kind, out var sla)
            ? requestedAt + sla
            : throw new ArgumentException($"No SLA for approval kind '{kind}' (Approvals:Sla).", nameof(kind));

    /// <summary>The first problem with these options, or null.</summary>
    public string? Validate()
    {
        if (Sla.Keys.FirstOrDefault(kind => !ApprovalKinds.All.Contains(kind)) is { } unknown)
        {
            return $"Sla:{unknown} is not an approval kind (one of {string.Join(", ", ApprovalKinds.All)}).";
        }

        if (ApprovalKinds.All.FirstOrDefault(kind => !Sla.ContainsKey(kind)) is { } missing)
        {
            return $"Sla:{missing} is missing.";
        }

        if (Sla.FirstOrDefault(s => s.Value <= TimeSpan.Zero || s.Value > LongestSla) is { Key: not null } wrong)
        {
            return $"Sla:{wrong.Key} must be more than zero and at most {LongestSla.TotalDays:0} days (write 2 days as 2.00:00:00; 48:00:00 is 48 days).";
        }

        if (OverdueCheckEvery < TimeSpan.FromSeconds(1))
        {
            return "OverdueCheckEvery must be at least one second.";
        }

        return OverdueBatch < 1 ? "OverdueBatch must be at least 1."
            : InboxLimit is < 1 or > 1000 ? "InboxLimit must be between 1 and 1000."
            : CustomerHistoryDays is < 1 or > 3660 ? "CustomerHistoryDays must be between 1 and 3660."
            : CustomerHistoryItems is < 1 or > 500 ? "CustomerHistoryItems must be between 1 and 500."
            : null;
    }
}
