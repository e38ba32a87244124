namespace StoreSales.Domain.SalesForce.Leads;

/// <summary>A lead's golden-hours state at one moment.</summary>
/// <param name="Status">Where the lead stands.</param>
/// <param name="DueAt">The first contact is due before this moment; the grain's reminder fires at it.</param>
/// <param name="Remaining">Time left while <see cref="LeadContactStatus.Waiting"/> (the board's countdown); zero otherwise.</param>
public sealed record LeadContact(LeadContactStatus Status, DateTimeOffset DueAt, TimeSpan Remaining)
{
    /// <summary>The condition of the lead's first-contact alert: overdue and still not contacted.</summary>
    public bool IsOverdue => Status == LeadContactStatus.Overdue;
}
