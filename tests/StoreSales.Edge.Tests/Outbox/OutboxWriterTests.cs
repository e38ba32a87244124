using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Edge.Outbox;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Outbox;

/// <summary>A captured sale is written until the disk takes it: the retry pipeline's waits, on the agent's clock.</summary>
public sealed class OutboxWriterTests
{
    [Fact]
    public async Task A_refused_write_is_retried_after_200_ms_then_400_ms_until_the_disk_takes_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var failures = new List<(string? Receipt, int Attempt)>();
        var writer = new OutboxWriter(clock, (_, receipt, attempt) => { lock (failures) { failures.Add((receipt, attempt)); } });
        var attemptTimes = new List<DateTimeOffset>();

        var write = writer.WriteAsync(
            () =>
            {
                lock (attemptTimes)
                {
                    attemptTimes.Add(clock.GetUtcNow());
                    return attemptTimes.Count <= 2 ? throw new SqliteException("disk I/O error", 10) : 42;
                }
            },
            "R-0042",
            TestContext.Current.CancellationToken).AsTask();

        // The agent's clock moves only when the test moves it, 10 ms at a time, until the third attempt.
        await Eventually.Holds(
            () =>
            {
                lock (attemptTimes)
                {
                    if (attemptTimes.Count == 3)
                    {
                        return true;
                    }
                }

                clock.Advance(TimeSpan.FromMilliseconds(10));
                return false;
            },
            "the third attempt",
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(42, await write.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal([("R-0042", 1), ("R-0042", 2)], failures);
        Assert.True(attemptTimes[1] - attemptTimes[0] >= OutboxWriter.FirstDelay, $"second attempt after {attemptTimes[1] - attemptTimes[0]}");
        Assert.True(attemptTimes[2] - attemptTimes[1] >= OutboxWriter.FirstDelay * 2, $"third attempt after {attemptTimes[2] - attemptTimes[1]}: the wait doubles");
    }

    [Fact]
    public async Task An_error_that_is_not_the_disk_is_not_retried()
    {
        var writer = new OutboxWriter(TimeProvider.System, (_, _, _) => Assert.Fail("no retry expected"));

        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteAsync(() => throw new ArgumentException("bad sale"), null, TestContext.Current.CancellationToken));
    }
}
