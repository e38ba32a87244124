namespace StoreSales.Domain.Targets.StoreEvents;

/// <summary>A store event as someone asks to record or change it, before it is checked. Null fields were not given.</summary>
public sealed record StoreEventDraft(
    string? Kind,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    bool? ClosesStore,
    decimal? ExpectedUplift,
    string? Note);

/// <summary>A checked store event: what is stored.</summary>
public sealed record StoreEventSpec(string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool ClosesStore, decimal? ExpectedUplift, string? Note);
