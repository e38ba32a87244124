using StoreSales.Domain.Sales;

namespace StoreSales.Domain.Tests.Sales;

/// <summary>A receipt printed without item codes takes them from its terminal's scans only when they match it line for line.</summary>
public sealed class ScanLineCompletionTests
{
    private const string Tea = "6920433218190";
    private const string Cola = "6970013389086";
    private const string Apples = "00042";

    private static PrintedLine Named(string name, decimal quantity) => new(name, quantity, CodePrinted: false);

    [Fact]
    public void Scans_grouped_by_item_in_first_scan_order_give_each_line_its_code()
    {
        // Tea, cola, tea again, weighed apples: the till prints tea ×2, cola, apples 1.256 kg.
        var completion = ScanLineCompletion.Complete(
            [Named("Jasmine tea", 2), Named("Cola", 1), Named("Apples", 1.256m)],
            [new(Tea, 1), new(Cola, 1), new(Tea, 1), new(Apples, 1.256m)]);

        Assert.True(completion.Applied, completion.Reason);
        Assert.Equal([Tea, Cola, Apples], completion.Codes);
        Assert.Equal(3, completion.Completed);
    }

    [Fact]
    public void A_line_that_prints_its_code_must_agree_with_the_scan_and_is_not_counted_as_completed()
    {
        var agreeing = ScanLineCompletion.Complete([new(Tea, 1, CodePrinted: true), Named("Cola", 1)], [new(Tea, 1), new(Cola, 1)]);
        var disagreeing = ScanLineCompletion.Complete([new(Cola, 1, CodePrinted: true), Named("Tea", 1)], [new(Tea, 1), new(Cola, 1)]);

        Assert.Equal([Tea, Cola], agreeing.Codes);
        Assert.Equal(1, agreeing.Completed);
        Assert.False(disagreeing.Applied);
        Assert.Equal($"line 1 prints {Cola} but {Tea} was scanned", disagreeing.Reason);
    }

    [Theory]
    [InlineData(2, "2 item lines but 1 items scanned since the previous receipt")]   // the cola was keyed in by hand
    [InlineData(1, "line 1 has quantity 3 but 2 of 6920433218190 were scanned")]     // a tea voided after its scan, or rung up ×3
    public void Scans_that_do_not_match_leave_every_line_as_printed_with_the_reason(int lines, string reason)
    {
        IReadOnlyList<PrintedLine> printed = lines == 2 ? [Named("Tea", 2), Named("Cola", 1)] : [Named("Tea", 3)];

        var completion = ScanLineCompletion.Complete(printed, [new(Tea, 1), new(Tea, 1)]);

        Assert.False(completion.Applied);
        Assert.Null(completion.Codes);
        Assert.Equal(reason, completion.Reason);
    }

    [Fact]
    public void A_return_line_matches_its_scan_by_size_and_a_receipt_with_every_code_printed_needs_nothing()
    {
        Assert.Equal([Tea], ScanLineCompletion.Complete([Named("Tea", -1)], [new(Tea, 1)]).Codes);
        Assert.Equal("every line printed its code", ScanLineCompletion.Complete([new(Tea, 1, true)], []).Reason);
    }
}
