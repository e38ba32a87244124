using StoreSales.Domain.Sales;

namespace StoreSales.Domain.Tests;

public sealed class SequenceLogTests
{
    [Fact]
    public void Each_sequence_counts_once_in_order_or_not()
    {
        var log = new SequenceLog();

        Assert.True(log.TryMark(1, 100));
        Assert.True(log.TryMark(3, 100));
        Assert.False(log.TryMark(1, 100));
        Assert.False(log.TryMark(3, 100));
        Assert.True(log.TryMark(2, 100));
        Assert.False(log.TryMark(2, 100));

        Assert.Equal(3, log.Watermark);
        Assert.Empty(log.Above);
    }

    [Fact]
    public void A_gap_that_never_fills_is_given_up_when_too_many_wait_above_it()
    {
        var log = new SequenceLog();
        log.TryMark(1, 3);
        // 2 was rejected by the server and will never come.
        foreach (var sequence in new long[] { 3, 4, 5 })
        {
            log.TryMark(sequence, 3);
        }

        Assert.Equal(1, log.Watermark);
        Assert.True(log.TryMark(6, 3));

        Assert.Equal(6, log.Watermark);
        Assert.Empty(log.Above);
        Assert.False(log.TryMark(4, 3));
    }

    [Fact]
    public void Restored_from_state_it_still_rejects_what_was_counted()
    {
        var log = new SequenceLog(10, [12, 15, 9]);

        Assert.False(log.TryMark(9, 100));
        Assert.False(log.TryMark(12, 100));
        Assert.True(log.TryMark(11, 100));
        Assert.Equal(12, log.Watermark);
        Assert.Equal([15L], log.Above);
    }
}
