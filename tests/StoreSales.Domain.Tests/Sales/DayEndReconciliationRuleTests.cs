using System.Collections.Immutable;
using StoreSales.Domain.Sales;
using StoreSales.Domain.Sales.DayEnd;

namespace StoreSales.Domain.Tests.Sales;

public sealed class DayEndReconciliationRuleTests
{
    private static readonly DateOnly Day = new(2026, 12, 5);
    private static readonly DateTimeOffset Closing = new(2026, 12, 5, 22, 0, 0, TimeSpan.FromHours(8));

    private static DayEndSale Sale(long sequence, decimal total, string method = "cash", string kind = SaleKindNames.Sale, int minute = 0) =>
        new(sequence, kind, Closing.AddHours(-10).AddMinutes(minute), total, kind == SaleKindNames.Void ? [] : [new DayEndTender(method, total)]);

    private static ZReport Z(long lastSequence, int count, decimal gross, decimal returns = 0, int voids = 0, params (string Method, decimal Amount)[] tenders) =>
        new("T01", Day, "Z-0042", Closing, lastSequence,
            new DayFigures(count, gross, returns, voids, tenders.ToImmutableSortedDictionary(t => t.Method, t => t.Amount, StringComparer.Ordinal)),
            new HashSet<long>());

    [Fact]
    public void An_equal_day_is_equal_to_the_cent_with_nothing_listed()
    {
        var ledger = new[] { Sale(1, 10.50m), Sale(2, 4.40m, "wechat"), Sale(3, -2.00m, kind: SaleKindNames.Return), Sale(4, 0m, kind: SaleKindNames.Void) };
        var z = Z(4, count: 2, gross: 14.90m, returns: -2.00m, voids: 1, ("cash", 8.50m), ("wechat", 4.40m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, ledger, grainUncounted: new HashSet<long>(), maxItems: 50);

        Assert.Equal(ReconciliationVerdict.Equal, result.Verdict);
        Assert.True(result.ZMinusLedger.IsZero);
        Assert.True(result.LedgerMinusGrain!.IsZero);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void A_sale_missing_from_the_ledger_is_named_by_its_sequence()
    {
        var ledger = new[] { Sale(1, 10m), Sale(3, 5m) };
        var z = Z(3, count: 3, gross: 22m, tenders: ("cash", 22m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, ledger, new HashSet<long>(), 50);

        Assert.Equal(ReconciliationVerdict.Explained, result.Verdict);
        Assert.Equal(1, result.ZMinusLedger.Count);
        Assert.Equal(7m, result.ZMinusLedger.Gross);
        Assert.Equal(7m, result.ZMinusLedger.Tenders["cash"]);
        var item = Assert.Single(result.Items);
        Assert.Equal(new ReconciliationItem(ReconciliationReason.Missing, 2), item);
    }

    [Fact]
    public void A_missing_sequence_the_agent_reports_refused_is_listed_as_rejected()
    {
        var z = Z(2, count: 2, gross: 3m, tenders: ("cash", 3m)) with { RejectedSequences = new HashSet<long> { 2 } };

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, [Sale(1, 1m)], null, 50);

        Assert.Equal(ReconciliationReason.Rejected, Assert.Single(result.Items).Reason);
        Assert.Null(result.Grain);
    }

    [Fact]
    public void A_sale_after_the_Z_explains_the_difference_with_its_total()
    {
        var ledger = new[] { Sale(7, 10m), Sale(8, 6m, minute: 700) };
        var z = Z(7, count: 1, gross: 10m, tenders: ("cash", 10m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 7, ledger, new HashSet<long>(), 50);

        Assert.Equal(ReconciliationVerdict.Explained, result.Verdict);
        Assert.Equal(-6m, result.ZMinusLedger.Gross);
        var item = Assert.Single(result.Items);
        Assert.Equal((ReconciliationReason.AfterZ, 8L, 6m), (item.Reason, item.Sequence, item.Total!.Value));
    }

    [Fact]
    public void A_missing_sale_and_a_sale_after_the_Z_of_the_same_amount_are_not_an_equal_day()
    {
        // Sequence 2 (6.00) never arrived, sequence 4 (6.00) was rung up after the Z: the sums agree by chance.
        var ledger = new[] { Sale(1, 10m), Sale(3, 5m), Sale(4, 6m, minute: 700) };
        var z = Z(3, count: 3, gross: 21m, tenders: ("cash", 21m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, ledger, new HashSet<long>(), 50);

        Assert.True(result.ZMinusLedger.IsZero);
        Assert.Equal(ReconciliationVerdict.Explained, result.Verdict);
        Assert.Equal([(ReconciliationReason.AfterZ, 4L), (ReconciliationReason.Missing, 2L)], result.Items.Select(i => (i.Reason, i.Sequence)));
    }

    [Fact]
    public void A_difference_nothing_explains_is_unexplained()
    {
        // The till says 12.00 for the same two sales the ledger holds at 11.00: no sale is missing, none came after.
        var ledger = new[] { Sale(1, 5m), Sale(2, 6m) };
        var z = Z(2, count: 2, gross: 12m, tenders: ("cash", 12m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, ledger, new HashSet<long>(), 50);

        Assert.Equal(ReconciliationVerdict.Unexplained, result.Verdict);
        Assert.Equal(1m, result.ZMinusLedger.Gross);
        Assert.Empty(result.Items);
    }

    [Theory]
    // returns differ: the till has a return the ledger does not
    [InlineData(0, -3.00, 0, "returns")]
    // voids differ
    [InlineData(0, 0, 1, "voids")]
    // tenders differ only in their split: totals agree, the card takings do not
    [InlineData(0, 0, 0, "tenders")]
    public void Returns_voids_and_tenders_are_compared_on_their_own(int extraCount, decimal returns, int voids, string what)
    {
        var ledger = new[] { Sale(1, 10m) };
        var tenders = what == "tenders" ? new[] { ("cash", 6m), ("card", 4m) } : new[] { ("cash", 10m + returns) };
        var z = Z(1, count: 1 + extraCount, gross: 10m, returns: returns, voids: voids, tenders);

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, ledger, new HashSet<long>(), 50);

        Assert.NotEqual(ReconciliationVerdict.Equal, result.Verdict);
        Assert.Equal(returns, result.ZMinusLedger.Returns);
        Assert.Equal(voids, result.ZMinusLedger.Voids);
        Assert.Equal(0m, result.ZMinusLedger.Gross);
        if (what == "tenders")
        {
            Assert.Equal(-4m, result.ZMinusLedger.Tenders["cash"]);
            Assert.Equal(4m, result.ZMinusLedger.Tenders["card"]);
        }
    }

    [Fact]
    public void A_ledger_sale_the_grain_has_not_counted_is_listed_and_the_grain_figures_lack_it()
    {
        var ledger = new[] { Sale(1, 10m), Sale(2, 5m) };
        var z = Z(2, count: 2, gross: 15m, tenders: ("cash", 15m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, ledger, new HashSet<long> { 2 }, 50);

        Assert.Equal(ReconciliationVerdict.Explained, result.Verdict);
        Assert.True(result.ZMinusLedger.IsZero);
        Assert.Equal(10m, result.Grain!.Gross);
        Assert.Equal(5m, result.LedgerMinusGrain!.Gross);
        Assert.Equal(new ReconciliationItem(ReconciliationReason.NotCounted, 2, 5m, ledger[1].RungUpAt), Assert.Single(result.Items));
    }

    [Fact]
    public void A_wide_gap_is_counted_without_listing_every_sequence()
    {
        var z = Z(1_000_000_000, count: 1, gross: 1m, tenders: ("cash", 1m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 1, [Sale(1, 1m)], null, maxItems: 3);

        Assert.Equal([2L, 3L, 4L], result.Items.Select(i => i.Sequence));
        Assert.Equal(999_999_999 - 3, result.MoreItems);
    }

    [Fact]
    public void A_first_Z_starts_its_range_at_the_days_first_sale()
    {
        var z = Z(12, count: 2, gross: 3m, tenders: ("cash", 3m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: null, [Sale(10, 1m), Sale(12, 1m)], null, 50);

        Assert.Equal(11, Assert.Single(result.Items).Sequence);
    }

    [Fact]
    public void A_Z_after_a_reinstall_covers_the_new_epoch_from_its_first_sale()
    {
        // The previous Z closed at sequence 40 of the old outbox (epoch 0); the new PC counts in epoch 200,000,000.
        var epoch = 200_000_000L;
        var ledger = new[] { Sale(TerminalEpoch.Sequence(epoch, 1), 2m), Sale(TerminalEpoch.Sequence(epoch, 3), 3m) };
        var z = Z(TerminalEpoch.Sequence(epoch, 3), count: 3, gross: 9m, tenders: ("cash", 9m));

        var result = DayEndReconciliationRule.Reconcile(z, coveredFrom: 41, ledger, null, 50);

        Assert.Equal(TerminalEpoch.Sequence(epoch, 2), Assert.Single(result.Items).Sequence);
        Assert.Equal(0, result.MoreItems);
    }
}
