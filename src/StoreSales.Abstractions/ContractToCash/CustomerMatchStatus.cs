using System.Collections.Immutable;

namespace StoreSales.Abstractions.ContractToCash;

/// <summary>One month of a customer's three-way match: how many board lines are green, yellow and red (month: its first day).</summary>
[GenerateSerializer, Immutable]
public sealed record MatchMonthCount(
    [property: Id(0)] DateOnly Month,
    [property: Id(1)] int Green,
    [property: Id(2)] int Yellow,
    [property: Id(3)] int Red);

/// <summary>
/// A customer's live matching status as its <c>CustomerGrain</c> holds it (docs/domain.md "Contract to cash", "The live
/// side"): the counts per month of the months <c>ContractToCash:LiveMonths</c> looks back, judged as of
/// <see cref="AsOf"/> (the chain's date), read at <see cref="CheckedAt"/> (newer wins). Only counts travel: who may hear
/// them is decided when a connection joins the customer's hub group, by the same rule as the board.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomerMatchStatus(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] ImmutableArray<MatchMonthCount> Months,
    [property: Id(2)] DateOnly AsOf,
    [property: Id(3)] DateTimeOffset CheckedAt)
{
    public static CustomerMatchStatus Empty(string customerId, DateOnly asOf, DateTimeOffset checkedAt) => new(customerId, [], asOf, checkedAt);
}
