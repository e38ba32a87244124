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

    [Fact]
    public void A_reinstalled_agents_new_epoch_counts_from_its_first_sale_and_leaves_the_old_gaps_behind()
    {
        var log = new SequenceLog();
        foreach (var sequence in new long[] { 1, 2, 3, 5, 6 })
        {
            Assert.True(log.TryMark(sequence, 100));
        }

        // 4 never came: the old PC died with it. The new outbox's epoch starts again at number 1, out of order.
        var epoch = TerminalEpoch.At(new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.Zero));
        Assert.True(log.TryMark(TerminalEpoch.Sequence(epoch, 2), 100));
        Assert.True(log.TryMark(TerminalEpoch.Sequence(epoch, 1), 100));
        Assert.False(log.TryMark(TerminalEpoch.Sequence(epoch, 1), 100));
        Assert.True(log.TryMark(TerminalEpoch.Sequence(epoch, 3), 100));

        Assert.Equal(TerminalEpoch.Sequence(epoch, 3), log.Watermark);
        Assert.Empty(log.Above);
        Assert.False(log.TryMark(5, 100));
    }

    [Fact]
    public void A_gap_inside_an_epoch_still_waits_for_its_sale()
    {
        var epoch = TerminalEpoch.At(new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.Zero));
        var log = new SequenceLog();
        log.TryMark(TerminalEpoch.Sequence(epoch, 1), 100);
        log.TryMark(TerminalEpoch.Sequence(epoch, 3), 100);

        Assert.Equal(TerminalEpoch.Sequence(epoch, 1), log.Watermark);
        Assert.Equal([TerminalEpoch.Sequence(epoch, 3)], log.Above);
        Assert.True(log.TryMark(TerminalEpoch.Sequence(epoch, 2), 100));
        Assert.Equal(TerminalEpoch.Sequence(epoch, 3), log.Watermark);
    }

    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 8)]
    [InlineData(3, 4096)]
    public void Any_order_of_retries_gaps_and_bursts_counts_as_the_plain_rule_says(int seed, int maxOutOfOrder)
    {
        // The plain rule, written the obvious way: counted = at or below the watermark, or kept above it.
        var random = new Random(seed);
        var log = new SequenceLog();
        long watermark = 0;
        var above = new SortedSet<long>();
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly forward, a rep's sparse share of them, retries of recent ones, now and then far behind.
            var sequence = random.Next(10) switch
            {
                < 6 => watermark + 1 + random.Next(3 * maxOutOfOrder),
                < 9 => Math.Max(1, watermark + random.Next(-20, 20)),
                _ => random.Next(1, (int)Math.Max(2, watermark + 1)),
            };
            var expected = sequence > watermark && above.Add(sequence);
            if (expected)
            {
                Advance();
                while (above.Count > maxOutOfOrder)
                {
                    watermark = above.Min;
                    above.Remove(watermark);
                    Advance();
                }
            }

            Assert.Equal(expected, log.TryMark(sequence, maxOutOfOrder));
            Assert.Equal(watermark, log.Watermark);
            Assert.Equal(above.Count, log.Above.Count);
        }

        Assert.Equal(above, log.Above);

        void Advance()
        {
            while (above.Count > 0 && above.Min == watermark + 1)
            {
                watermark = above.Min;
                above.Remove(watermark);
            }
        }
    }

    [Fact]
    public void A_reps_sparse_share_is_kept_up_to_the_cap_and_restored_from_state()
    {
        var log = new SequenceLog();
        for (long n = 1; n <= 5_000; n++)
        {
            Assert.True(log.TryMark(n * 8, 4096));
        }

        Assert.Equal(4096, log.Above.Count);
        var restored = new SequenceLog(log.Watermark, log.Above);
        Assert.False(restored.TryMark(5_000 * 8, 4096));
        Assert.False(restored.TryMark(log.Watermark, 4096));
        Assert.True(restored.TryMark((5_000 * 8) + 1, 4096));
    }

    [Fact]
    public void Sequences_arriving_backwards_and_far_apart_are_each_kept_once_in_order()
    {
        // Backwards: every one lands inside the first run, which splits again and again; far apart: many-byte differences.
        // All within one terminal epoch (below 2^32): a later epoch would start a new count (TerminalEpoch).
        var log = new SequenceLog();
        var expected = new List<long>();
        for (long n = 1_000; n >= 2; n--)
        {
            var sequence = (n * n * 4_000) + 5;
            Assert.True(log.TryMark(sequence, 4096));
            Assert.False(log.TryMark(sequence, 4096));
            expected.Add(sequence);
        }

        expected.Sort();
        Assert.Equal(0, log.Watermark);
        Assert.Equal(expected, log.Above);
        Assert.Equal(expected[500], log.Above[500]);
        var restored = new SequenceLog(log.Watermark, log.Above);
        Assert.Equal(expected, restored.Above);
        Assert.False(restored.TryMark(expected[^1], 4096));
    }
}
