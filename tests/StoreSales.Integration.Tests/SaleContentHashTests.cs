using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>What the ledger compares when a recorded (terminal, sequence) comes again: the same sale hashes the same, any other sale differently.</summary>
public sealed class SaleContentHashTests
{
    private static readonly SaleRecord Original = Sale("T01", 7, new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8)), ("6920433218190", 2, 3.50m), ("6970013389086", 1, 4m));

    public static TheoryData<string, Func<SaleRecord, SaleRecord>> OtherSales => new()
    {
        { "kind", s => s with { Kind = SaleKinds.Return } },
        { "receipt", s => s with { ReceiptNumber = "R999999" } },
        { "no receipt", s => s with { ReceiptNumber = null } },
        { "rung up a second later", s => s with { RungUpAt = s.RungUpAt.AddSeconds(1) } },
        { "captured later", s => s with { CapturedAt = s.CapturedAt.AddMilliseconds(1) } },
        { "cashier", s => s with { CashierId = "C02" } },
        { "member", s => s with { MemberId = "M1" } },
        { "rep", s => s with { RepId = "rep-1" } },
        { "total", s => s with { Total = s.Total + 0.01m } },
        { "original", s => s with { OriginalSequence = 3 } },
        { "a line less", s => s with { Lines = [s.Lines[0]] } },
        { "a line's item", s => s with { Lines = [s.Lines[0] with { ItemCode = "6993503056411" }, s.Lines[1]] } },
        { "a line's quantity", s => s with { Lines = [s.Lines[0] with { Quantity = 3 }, s.Lines[1]] } },
        { "a line's discount", s => s with { Lines = [s.Lines[0] with { Discount = 0.5m }, s.Lines[1]] } },
        { "a tender's method", s => s with { Tenders = [s.Tenders[0] with { Method = "card" }] } },
        { "strings shifted between fields", s => s with { CashierId = "C0", MemberId = "1" } },
    };

    [Fact]
    public void The_same_sale_sent_again_hashes_the_same_whatever_its_amounts_scale_or_offset()
    {
        var resent = Original with
        {
            RungUpAt = Original.RungUpAt.ToUniversalTime(),
            Total = 11.000m,
            Lines = [Original.Lines[0] with { UnitPrice = 3.5000m, Amount = 7.0m }, Original.Lines[1]],
        };

        Assert.Equal(SaleContentHash.Length, SaleContentHash.Of(Original).Length);
        Assert.Equal(SaleContentHash.Of(Original), SaleContentHash.Of(resent));
        Assert.Equal(SaleContentHash.Of(Original), SaleContentHash.Of(Original with { Sequence = 8, TerminalId = "T02" })); // the key is not content
    }

    [Theory]
    [MemberData(nameof(OtherSales))]
    public void Any_other_sale_hashes_differently(string change, Func<SaleRecord, SaleRecord> other)
    {
        Assert.False(SaleContentHash.Of(Original).AsSpan().SequenceEqual(SaleContentHash.Of(other(Original))), change);
    }

    // Hashes the ledger holds must not move between versions (a retry of a sale recorded before would read as a
    // conflict): these are the bytes the first version (migration 0470) computed.
    [Fact]
    public void A_sales_hash_is_the_one_recorded_by_earlier_versions()
    {
        var odd = Original with
        {
            Total = -0.000m,
            Lines = [Original.Lines[0] with { Quantity = 1.2500m, UnitPrice = 79228162514264337593543950335m, Discount = 0.0000000000000000000000000010m, Amount = -12345678901234567.8900m }],
            Tenders = [Original.Tenders[0] with { Amount = 0.10m }],
        };

        Assert.Equal("90592E4F242F7C56A6B309E410FDA288", Convert.ToHexString(SaleContentHash.Of(Original)));
        Assert.Equal("F409D91BD74D90CF7A644C3B3D981D48", Convert.ToHexString(SaleContentHash.Of(odd)));
    }

    [Fact]
    public void Trailing_zeros_are_dropped_bit_for_bit_as_the_division_the_recorded_hashes_were_made_with()
    {
        var random = new Random(470);
        var values = new List<decimal> { 0m, -0m, 0.000m, -0.000m, 1m, -1m, 10m, 100.00m, 1.2500m, 0.0000000000000000000000000010m,
            decimal.MaxValue, decimal.MinValue, 18446744073709551615m, 18446744073709551616m, 1844674407370955161.5000m, -7.10m };
        for (var i = 0; i < 20_000; i++)
        {
            var mantissa = random.Next(4) switch
            {
                0 => random.NextInt64(0, 1000),
                1 => random.NextInt64(0, 10_000_000) * 1000,
                2 => random.NextInt64(),
                _ => random.NextInt64(0, 100) * 10,
            };
            values.Add(new decimal((int)mantissa, (int)(mantissa >> 32), random.Next(8) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(29)));
        }

        foreach (var value in values)
        {
            Assert.Equal(decimal.GetBits(value / 1.0000000000000000000000000000m), decimal.GetBits(SaleContentHash.Normalized(value)));
        }
    }
}
