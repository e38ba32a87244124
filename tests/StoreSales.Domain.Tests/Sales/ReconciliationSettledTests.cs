using System.Collections.Immutable;
using StoreSales.Domain.Sales;
using StoreSales.Domain.Sales.DayEnd;

namespace StoreSales.Domain.Tests.Sales;

/// <summary>When a reconciliation alert closes itself, and what its outcome says.</summary>
public sealed class ReconciliationSettledTests
{
    private static readonly DateOnly Day = new(2026, 12, 5);
    private static readonly DateTimeOffset Closing = new(2026, 12, 5, 22, 0, 0, TimeSpan.FromHours(8));

    private static TerminalDayReconciliation Reconcile(params (long Sequence, decimal Total)[] ledger)
    {
        var z = new ZReport("T01", Day, "Z-0042", Closing, 3,
            new DayFigures(3, 22m, 0, 0, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("cash", 22m)])),
            new HashSet<long>());
        var sales = ledger.Select(s => new DayEndSale(s.Sequence, SaleKindNames.Sale, Closing.AddHours(-5), s.Total, [new DayEndTender("cash", s.Total)])).ToList();
        return DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, sales, new HashSet<long>(), 50);
    }

    public static TheoryData<string, (long, decimal)[], bool> Days => new()
    {
        { "the missing sale arrived: equal", [(1, 10m), (2, 7m), (3, 5m)], true },
        { "still missing", [(1, 10m), (3, 5m)], false },
        { "arrived with another amount", [(1, 10m), (2, 8m), (3, 5m)], false },
        { "arrived, and a sale after the Z", [(1, 10m), (2, 7m), (3, 5m), (4, 1m)], false },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void Only_a_day_that_is_now_equal_closes_its_alert(string what, (long, decimal)[] ledger, bool closes)
    {
        Assert.True(ReconciliationSettled.Closes(Reconcile(ledger)) == closes, what);
    }

    [Theory]
    [InlineData(new long[] { 2 }, "The missing sale #2 of terminal T01 arrived at 2026-12-05 14:30 UTC; its Z for 2026-12-05 now equals the ledger and the live figures to the cent.")]
    [InlineData(new long[] { 17179869191, 17179869189 }, "The missing sales #5 (epoch 4), #7 (epoch 4) of terminal T01 arrived at 2026-12-05 14:30 UTC; its Z for 2026-12-05 now equals the ledger and the live figures to the cent.")]
    public void The_outcome_names_the_sales_that_arrived(long[] arrived, string outcome)
    {
        Assert.Equal(outcome, ReconciliationSettled.Outcome("T01", Day, arrived, new DateTimeOffset(2026, 12, 5, 22, 30, 0, TimeSpan.FromHours(8))));
    }
}
