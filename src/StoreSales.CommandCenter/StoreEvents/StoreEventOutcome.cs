using StoreSales.Data.StoreEvents;

namespace StoreSales.CommandCenter.StoreEvents;

/// <summary>What the desk did with a request: the API answers it as HTTP, the page in words. Every refusal has its reason.</summary>
public abstract record StoreEventOutcome
{
    private StoreEventOutcome()
    {
    }

    /// <summary>Done; the event as it is now.</summary>
    public sealed record Done(StoreEventRecord Event) : StoreEventOutcome;

    /// <summary>400: the problems by field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : StoreEventOutcome;

    /// <summary>404: no such store or event, or one out of the viewer's scope (the two are not told apart).</summary>
    public sealed record NotFound(string What, string Id) : StoreEventOutcome;

    /// <summary>403: the viewer sees the store but does not record its events.</summary>
    public sealed record NotAllowed(string Detail) : StoreEventOutcome;

    /// <summary>409: the event is cancelled and can no longer change.</summary>
    public sealed record Cancelled(StoreEventRecord Event) : StoreEventOutcome;
}
