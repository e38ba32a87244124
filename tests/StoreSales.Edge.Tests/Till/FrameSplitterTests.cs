using System.Text;
using StoreSales.Edge.Devices.Serial;

namespace StoreSales.Edge.Tests.Till;

public sealed class FrameSplitterTests
{
    private static List<string> Feed(FrameSplitter splitter, params string[] chunks)
    {
        var frames = new List<Frame>();
        foreach (var chunk in chunks)
        {
            splitter.Feed(Encoding.UTF8.GetBytes(chunk), frames);
        }

        return [.. frames.Select(f => f.Overlong ? "<overlong>" : Encoding.UTF8.GetString(f.Payload))];
    }

    [Fact]
    public void Lines_split_across_reads_are_joined_and_a_CR_before_LF_is_dropped()
    {
        var splitter = new FrameSplitter("\n"u8, 4096, trimTrailingCr: true);
        Assert.Equal(["S|a", "L|b", "", "T|c"], Feed(splitter, "S|", "a\r", "\nL|b\n\nT", "|c\n", "tail"));
        Assert.Equal(4, splitter.Pending);
    }

    [Fact]
    public void A_two_byte_terminator_split_between_reads_still_ends_the_frame()
    {
        var splitter = new FrameSplitter("\r\n"u8, 256);
        Assert.Equal(["12345670", "9"], Feed(splitter, "12345670\r", "\n9\r\n"));
    }

    [Fact]
    public void An_overlong_frame_is_reported_once_and_dropped_up_to_its_terminator()
    {
        var splitter = new FrameSplitter("\r"u8, 8);
        Assert.Equal(["<overlong>", "ok"], Feed(splitter, "0123456789", "abcdef", "\rok\r"));
    }

    [Fact]
    public void Exactly_the_maximum_is_accepted_one_more_is_not()
    {
        var splitter = new FrameSplitter("\n"u8, 4, trimTrailingCr: true);
        Assert.Equal(["abcd", "abcd", "<overlong>", "<overlong>"], Feed(splitter, "abcd\n", "abcd\r\n", "abcde\n", "abcdef\n"));
    }

    [Fact]
    public void Reset_forgets_a_partial_frame()
    {
        var splitter = new FrameSplitter("\n"u8, 16);
        Feed(splitter, "half");
        Assert.True(splitter.Reset());
        Assert.Equal(["whole"], Feed(splitter, "whole\n"));
        Assert.False(splitter.Reset());
    }
}
