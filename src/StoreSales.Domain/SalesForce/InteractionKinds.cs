namespace StoreSales.Domain.SalesForce;

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
