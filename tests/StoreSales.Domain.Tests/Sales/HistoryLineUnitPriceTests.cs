using StoreSales.Domain.Sales.History;

namespace StoreSales.Domain.Tests.Sales;

/// <summary>A history line's unit price: the amount over the quantity in cents, rounded half away from zero.</summary>
public sealed class HistoryLineUnitPriceTests
{
    [Theory]
    [InlineData(2000L, 1990L, 995L)]          // 2 × 9.95
    [InlineData(3000L, 1000L, 333L)]          // 10.00 / 3 = 3.333…
    [InlineData(3000L, 2000L, 667L)]          // 20.00 / 3 = 6.666…
    [InlineData(2000L, 1L, 1L)]               // 0.01 / 2 = 0.005: half rounds away from zero
    [InlineData(2000L, 3L, 2L)]               // 0.03 / 2 = 0.015
    [InlineData(4000L, 2L, 1L)]               // 0.02 / 4 = 0.005
    [InlineData(4000L, 1L, 0L)]               // 0.01 / 4 = 0.0025
    [InlineData(125L, 0L, 0L)]                // a free line
    [InlineData(125L, 100L, 800L)]            // 1.00 for 0.125 units
    [InlineData(1L, 99_999_999_999_999L, 99_999_999_999_999_000L)] // a large amount for a thousandth of a unit
    [InlineData(2000L, 9_999_999_999_999_999L, 5_000_000_000_000_000L)] // the largest amount numeric(16, 2) holds, past whole-number range: decimal
    public void Is_the_amount_over_the_quantity_rounded_half_away_from_zero(long milliUnits, long cents, long unitCents)
    {
        var line = new HistoryLine("store-sh", "hist:T01", 1, new DateTime(2026, 11, 3, 14, 0, 0), "A", milliUnits, cents);

        Assert.Equal(unitCents, line.UnitCents);
        Assert.Equal((long)Math.Round(cents * 1000m / milliUnits, MidpointRounding.AwayFromZero), line.UnitCents);
    }
}
