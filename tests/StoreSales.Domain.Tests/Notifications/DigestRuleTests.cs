using StoreSales.Domain.Notifications;

namespace StoreSales.Domain.Tests.Notifications;

public sealed class DigestRuleTests
{
    private const int Threshold = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-05T10:00:00Z");

    [Theory]
    // waiting, opened in window, minutes since the last digest (-1: none) → action, wait minutes (-1: none)
    [InlineData(0, 0, -1, DigestAction.Nothing, -1)]
    [InlineData(1, 1, -1, DigestAction.EachAlone, -1)]
    [InlineData(5, 5, -1, DigestAction.EachAlone, -1)]       // at the threshold: each alone
    [InlineData(6, 6, -1, DigestAction.OneDigest, -1)]       // one past it: one digest
    [InlineData(1, 6, -1, DigestAction.OneDigest, -1)]       // the sixth of the window joins a digest, even alone
    [InlineData(10_000, 10_000, -1, DigestAction.OneDigest, -1)] // a storm: one message
    [InlineData(3, 40, 4, DigestAction.Wait, 6)]             // a digest 4 min ago: the rest wait for the window
    [InlineData(1, 1, 9, DigestAction.Wait, 1)]              // even one: the storm's window is still on
    [InlineData(3, 40, 10, DigestAction.OneDigest, -1)]      // window passed, still stormy: the next digest
    [InlineData(2, 2, 10, DigestAction.EachAlone, -1)]       // window passed, calm again: each alone
    public void Many_alerts_in_a_window_go_as_one_digest(int waiting, int opened, int sinceDigest, DigestAction action, int waitMinutes)
    {
        DateTimeOffset? lastDigest = sinceDigest < 0 ? null : Now - TimeSpan.FromMinutes(sinceDigest);

        var decision = DigestRule.Decide(waiting, opened, lastDigest, Now, Threshold, Window);

        Assert.Equal(action, decision.Action);
        Assert.Equal(waitMinutes < 0 ? null : Now + TimeSpan.FromMinutes(waitMinutes), decision.NotBefore);
    }

    [Fact]
    public void A_storm_of_ten_thousand_over_an_hour_sends_at_most_one_digest_per_window()
    {
        // 10,000 alerts arriving evenly over 60 minutes, the dispatcher looking every 5 seconds.
        var messages = 0;
        DateTimeOffset? lastDigest = null;
        var waiting = 0;
        var arrivals = new Queue<DateTimeOffset>();
        for (var t = TimeSpan.Zero; t <= TimeSpan.FromMinutes(60); t += TimeSpan.FromSeconds(5))
        {
            var now = Now + t;
            var arriving = 10_000 * 5 / 3600;
            waiting += arriving;
            for (var i = 0; i < arriving; i++)
            {
                arrivals.Enqueue(now);
            }

            while (arrivals.Count > 0 && now - arrivals.Peek() >= Window)
            {
                arrivals.Dequeue();
            }

            var decision = DigestRule.Decide(waiting, arrivals.Count, lastDigest, now, Threshold, Window);
            if (decision.Action == DigestAction.EachAlone)
            {
                messages += waiting;
                waiting = 0;
            }
            else if (decision.Action == DigestAction.OneDigest)
            {
                messages++;
                lastDigest = now;
                waiting = 0;
            }
        }

        Assert.InRange(messages, 1, Threshold + 7);
    }
}
