namespace StoreSales.Grains.Customers;

/// <summary>
/// What a customer grain must remember across activations (state name <c>customer</c>): which episodes it has already
/// acted on, so each is acted on once. Everything else is read from PostgreSQL when the grain wakes. A few dozen bytes.
/// </summary>
[GenerateSerializer]
public sealed class CustomerState
{
    /// <summary>The lead whose golden-48-hours overdue alert was raised (once per lead).</summary>
    [Id(0)]
    public long? OverdueRaisedForLeadId { get; set; }

    /// <summary>The last activity of the idle episode whose follow-up reminder was raised (once per episode).</summary>
    [Id(1)]
    public DateTimeOffset? FollowUpRaisedFor { get; set; }

    /// <summary>The last activity of the idle episode routed to the training pool (once per episode).</summary>
    [Id(2)]
    public DateTimeOffset? DormantRoutedFor { get; set; }
}
