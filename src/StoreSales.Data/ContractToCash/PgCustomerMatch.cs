using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Domain.ContractToCash;

namespace StoreSales.Data.ContractToCash;

/// <summary>
/// A customer's three-way match counts per month, for its grain: the board's own statement (<see cref="ThreeWayMatchReader"/>)
/// narrowed to the customer and to the <c>ContractToCash:LiveMonths</c> months up to the chain's date, so the live
/// status and the board can never judge a line differently.
/// </summary>
public sealed class PgCustomerMatch(ThreeWayMatchReader board, IOptions<ContractToCashOptions> options) : ICustomerMatchReader
{
    public async Task<ImmutableArray<MatchMonthCount>> Read(string customerId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var thisMonth = new DateOnly(asOf.Year, asOf.Month, 1);
        var lines = await board.Read(new MatchQuery(thisMonth.AddMonths(1 - options.Value.LiveMonths), thisMonth.AddMonths(1), customerId, null), asOf, cancellationToken);
        return
        [
            .. lines.GroupBy(l => l.Month).OrderBy(g => g.Key).Select(g => new MatchMonthCount(
                g.Key, g.Count(l => l.Verdict.Status == MatchStatus.Green), g.Count(l => l.Verdict.Status == MatchStatus.Yellow), g.Count(l => l.Verdict.Status == MatchStatus.Red))),
        ];
    }
}
