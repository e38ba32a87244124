namespace StoreSales.Abstractions.Customers;

/// <summary>A till sale carrying a customer's member code: its identity (store, terminal, sequence), when, how much.</summary>
[GenerateSerializer, Immutable]
public sealed record MemberSale(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string TerminalId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] DateTimeOffset RungUpAt,
    [property: Id(4)] decimal Total);

/// <summary>How many of the purchases sent were new to the customer, and how many it had already counted.</summary>
[GenerateSerializer, Immutable]
public sealed record PurchasesApplied([property: Id(0)] int Applied, [property: Id(1)] int Repeated);
