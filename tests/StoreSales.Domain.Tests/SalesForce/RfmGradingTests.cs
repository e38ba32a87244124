using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class RfmGradingTests
{
    private static readonly CustomerGradingOptions Defaults = new();

    // The nightly run: 02:00 on 11 November 2026, ChainTime.Zone.
    private static readonly DateTimeOffset Nightly = ChainTime.At(2026, 11, 11, 2, 0);

    public static TheoryData<string, CustomerKind, int?, int, decimal, CustomerGrade> Cases => new()
    {
        // member A: within 7 days, 3 orders, 1,000; B: within 30 days, 1 order, 200
        { "member at every A cut-off", CustomerKind.Member, 7, 3, 1_000m, CustomerGrade.A },
        { "member a day too old for A", CustomerKind.Member, 8, 3, 1_000m, CustomerGrade.B },
        { "member an order short of A", CustomerKind.Member, 7, 2, 1_000m, CustomerGrade.B },
        { "member 0.01 short of A", CustomerKind.Member, 7, 3, 999.99m, CustomerGrade.B },
        { "member at every B cut-off", CustomerKind.Member, 30, 1, 200m, CustomerGrade.B },
        { "member 0.01 short of B", CustomerKind.Member, 30, 1, 199.99m, CustomerGrade.C },
        { "member without an order", CustomerKind.Member, null, 0, 0m, CustomerGrade.C },
        { "returns only: no order, negative amount", CustomerKind.Member, null, 0, -300m, CustomerGrade.C },
        // account A: within 7 days, 4 orders, 50,000; B: within 30 days, 1 order, 5,000
        { "account at every A cut-off", CustomerKind.Account, 7, 4, 50_000m, CustomerGrade.A },
        { "account with a member's A figures", CustomerKind.Account, 1, 3, 1_000m, CustomerGrade.C },
        { "account 3 orders of 60,000", CustomerKind.Account, 2, 3, 60_000m, CustomerGrade.B },
        { "account at every B cut-off", CustomerKind.Account, 30, 1, 5_000m, CustomerGrade.B },
        { "account 4,999.99", CustomerKind.Account, 1, 9, 4_999.99m, CustomerGrade.C },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_grade_needs_every_cut_off_of_its_kind(string because, CustomerKind kind, int? recency, int orders, decimal amount, CustomerGrade grade) =>
        Assert.True(grade == RfmGrading.Grade(new RfmFigures(recency, orders, amount), kind, Defaults), because);

    [Fact]
    public void The_window_is_the_30_whole_days_before_today()
    {
        var purchases = new[]
        {
            new CustomerPurchase(Nightly.AddHours(-1), 900m),                                          // today (00:xx): not yet
            new CustomerPurchase(ChainTime.At(2026, 11, 10, 23, 59), 100m), // yesterday: day 1
            new CustomerPurchase(ChainTime.At(2026, 10, 12, 0, 0), 300m),   // day 30: in
            new CustomerPurchase(ChainTime.At(2026, 10, 11, 23, 59), 5_000m), // day 31: out
            new CustomerPurchase(ChainTime.At(2026, 11, 5, 12, 0), -50m),   // a return subtracts, is no order
        };

        var figures = RfmFigures.Of(purchases, Nightly, ChainTime.Zone, Defaults.WindowDays);

        Assert.Equal(new RfmFigures(1, 2, 350m), figures);
    }

    [Fact]
    public void No_purchase_in_the_window_gives_no_figures() =>
        Assert.Equal(RfmFigures.None, RfmFigures.Of([new CustomerPurchase(Nightly.AddDays(-40), 100m)], Nightly, ChainTime.Zone, 30));

    [Fact]
    public void The_grade_is_monotone_in_recency_orders_and_amount()
    {
        var recencies = new int?[] { null, 1, 7, 8, 30 };
        int[] orderCounts = [0, 1, 3, 4, 10];
        decimal[] amounts = [0m, 200m, 1_000m, 5_000m, 50_000m];
        foreach (var kind in new[] { CustomerKind.Member, CustomerKind.Account })
        {
            foreach (var r in recencies)
            {
                foreach (var f in orderCounts)
                {
                    foreach (var m in amounts)
                    {
                        var grade = RfmGrading.Grade(new RfmFigures(r, f, m), kind, Defaults);
                        Assert.True(RfmGrading.Grade(new RfmFigures(r, f + 1, m), kind, Defaults) <= grade);
                        Assert.True(RfmGrading.Grade(new RfmFigures(r, f, m + 1), kind, Defaults) <= grade);
                        Assert.True(RfmGrading.Grade(new RfmFigures(r is { } d ? Math.Max(1, d - 1) : 30, f, m), kind, Defaults) <= grade);
                    }
                }
            }
        }
    }

    [Fact]
    public void Cut_offs_come_from_configuration()
    {
        var options = Defaults with { MemberA = new RfmCutOffs { MaxRecencyDays = 3, MinOrders = 1, MinAmount = 100m } };

        Assert.Equal(CustomerGrade.A, RfmGrading.Grade(new RfmFigures(3, 1, 200m), CustomerKind.Member, options));
        Assert.Equal(CustomerGrade.B, RfmGrading.Grade(new RfmFigures(4, 1, 200m), CustomerKind.Member, options));
    }

    public static TheoryData<string, CustomerGradingOptions, bool> OptionCases => new()
    {
        { "defaults", Defaults, true },
        { "no window", Defaults with { WindowDays = 0 }, false },
        { "recency past the window", Defaults with { MemberB = Defaults.MemberB with { MaxRecencyDays = 31 } }, false },
        { "no orders needed", Defaults with { AccountB = Defaults.AccountB with { MinOrders = 0 } }, false },
        { "negative amount", Defaults with { AccountB = Defaults.AccountB with { MinAmount = -1m } }, false },
        { "A laxer than B", Defaults with { MemberA = Defaults.MemberA with { MinAmount = 100m } }, false },
        { "A equal to B", Defaults with { AccountA = Defaults.AccountB }, true },
    };

    [Theory]
    [MemberData(nameof(OptionCases))]
    public void Options_are_validated(string because, CustomerGradingOptions options, bool valid) =>
        Assert.True(valid == options.Validate() is null, $"{because}: {options.Validate()}");
}
