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
}
