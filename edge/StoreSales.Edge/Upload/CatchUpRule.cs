using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Upload;

/// <summary>
/// Decides whether a batch is backlog (<see cref="Contracts.Ingest.SaleBatch.CatchUp"/>) or live.
/// </summary>
/// <remarks>
/// A batch is catch-up when even its newest sale has waited in the outbox longer than
/// <see cref="Configuration.AgentOptions.CatchUpAfter"/>, measured on this PC's clock (enqueue time and now are both the
/// agent's, so a till's or the server's wrong clock cannot flip the flag).
/// The newest sale decides, not the oldest: the server serves a batch as one unit, and a batch that carries one sale
/// the till just rang up must not wait behind the backlog, which is the very thing the flag exists to prevent. Batches
/// are shared round-robin between terminals (<see cref="SaleQueue.PeekFair"/>), so a live terminal's sales ride in
/// the next batch of a backlogged store and that batch goes as live; every pure-backlog batch after it goes as
/// catch-up. The outbox's depth is not the rule: a busy store with a slow link can hold more than one batch without any
/// sale being late, and a small backlog after a long outage is still late.
/// </remarks>
public static class CatchUpRule
{
    public static bool IsCatchUp(IReadOnlyList<OutboxEntry> batch, DateTimeOffset now, TimeSpan catchUpAfter)
    {
        if (batch.Count == 0)
        {
            return false;
        }

        var newest = batch.Max(e => e.EnqueuedAt);
        return now - newest > catchUpAfter;
    }
}
