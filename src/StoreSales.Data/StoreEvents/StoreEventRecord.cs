using StoreSales.Domain.Targets.StoreEvents;

namespace StoreSales.Data.StoreEvents;

/// <summary>A stored store event, cancelled ones included.</summary>
public sealed record StoreEventRecord(
    long EventId,
    string StoreId,
    string Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    bool ClosesStore,
    decimal? ExpectedUplift,
    string? Note,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? CancelledAt,
    string? CancelledBy)
{
    public StoreEventSpec Spec => new(Kind, StartsAt, EndsAt, ClosesStore, ExpectedUplift, Note);
}

/// <summary>One line of an event's audit trail: who did what when, the event before and after (JSON).</summary>
public sealed record StoreEventChange(long ChangeId, long EventId, string Action, string ChangedBy, DateTimeOffset ChangedAt, string? Before, string After);
