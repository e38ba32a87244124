namespace StoreSales.Domain.SalesForce;

/// <summary>What a rep recorded with a customer (DOMAIN.md "The sales force"); one kind per recorded interaction.</summary>
public enum InteractionKind
{
    /// <summary>A phone call with the customer.</summary>
    Call = 1,

    /// <summary>A visit in person (the rep at the customer, or the customer in the store with the rep).</summary>
    Visit = 2,

    /// <summary>A message exchanged with the customer (WeChat, SMS, e-mail).</summary>
    Message = 4,

    /// <summary>A note the rep wrote about the customer: a record, not a contact with them.</summary>
    Note = 8,
}

/// <summary>
/// A set of interaction kinds, as configuration names it (<c>"Call, Message"</c>). A flags value rather than a list
/// because configuration binding appends to a list's defaults instead of replacing them.
/// </summary>
[Flags]
public enum InteractionKinds
{
    None = 0,
    Call = InteractionKind.Call,
    Visit = InteractionKind.Visit,
    Message = InteractionKind.Message,
    Note = InteractionKind.Note,
}

/// <summary>Set membership for <see cref="InteractionKinds"/>.</summary>
public static class InteractionKindSets
{
    /// <summary>Whether the set holds the kind.</summary>
    public static bool Includes(this InteractionKinds set, InteractionKind kind) => ((int)set & (int)kind) != 0;

    /// <summary>Whether the set holds kinds this code does not know (a misspelt or stale configuration value).</summary>
    public static bool HasUnknownKinds(this InteractionKinds set) =>
        (set & ~(InteractionKinds.Call | InteractionKinds.Visit | InteractionKinds.Message | InteractionKinds.Note)) != 0;
}
