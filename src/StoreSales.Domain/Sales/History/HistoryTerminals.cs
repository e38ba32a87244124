namespace StoreSales.Domain.Sales.History;

/// <summary>
/// Imported sales live in a terminal id space of their own: terminal <c>T01</c> of a history file is written as
/// <c>hist:T01</c>. A live till's id may hold only letters, digits, '-' and '_' (the ingest API refuses any other), so an
/// imported sale can never take the (store, terminal, sequence) of a sale a till rang up or will ring up, and a store
/// grain's sequence log of a live till never sees the history's sparse sequences (seconds since 1970).
/// </summary>
public static class HistoryTerminals
{
    public const string Prefix = "hist:";

    public static string Of(string terminal) => Prefix + terminal;
}
