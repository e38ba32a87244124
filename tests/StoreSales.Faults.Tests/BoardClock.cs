using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>
/// How long after a fault a store's board is current again, as HQ's live board (SignalR, through the gateway) shows it:
/// current once its day's figure holds at least every sale of that store-local day the ledger held at a moment after the
/// fault, including one recorded after it. The day is the board's own (a sale's store-local day by its till time, as the
/// store grain counts it): a till clock an hour off near midnight, or the day turning during a fault, puts sales in another
/// day on both sides alike.
/// </summary>
public sealed class BoardClock
{
    private readonly Stack _stack;
    private readonly string _storeId;

    private BoardClock(Stack stack, string storeId)
    {
        _stack = stack;
        _storeId = storeId;
    }

    /// <summary>Opens the store's board and takes the baseline; the store must be quiet (no sales on their way).</summary>
    public static async Task<BoardClock> Open(Stack stack, string storeId, CancellationToken cancellationToken)
    {
        var clock = new BoardClock(stack, storeId);
        try
        {
            await stack.Boards.Join(storeId, cancellationToken);
        }
        catch (Microsoft.AspNetCore.SignalR.HubException exception)
        {
            // The hub tells its client no more than "an unexpected error": the command centers' logs say what it was.
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{stack.Cluster.Tails()}", exception);
        }

        return clock;
    }

    /// <summary>
    /// Waits (up to <paramref name="limit"/>) until the ledger holds more than <paramref name="ledgerCountBefore"/> sales of
    /// the store (one recorded after the fault, or a whole backlog) and the board shows everything the ledger held then;
    /// returns the time from <paramref name="since"/> to that moment.
    /// </summary>
    public async Task<TimeSpan> CurrentAgain(DateTimeOffset since, long ledgerCountBefore, TimeSpan limit, CancellationToken cancellationToken)
    {
        await Eventually.Holds(async () => (await Ledger()).Count > ledgerCountBefore, $"{_storeId}: more than {ledgerCountBefore} sales in the ledger after the fault", limit, cancellationToken);
        var target = await LedgerDay();
        var wanted = target;
        await Eventually.Holds(
            async () =>
            {
                // Past the store's midnight the board shows the new day: what the ledger holds of that one.
                var today = await LedgerDay();
                wanted = today.Day == target.Day ? target : today;
                return _stack.Boards.LastActual(_storeId) >= wanted.Total;
            },
            $"{_storeId}'s board shows the {wanted.Total:0.00} the ledger held of {wanted.Day:yyyy-MM-dd} after the fault (it shows {_stack.Boards.LastActual(_storeId):0.00})",
            limit,
            cancellationToken);
        return DateTimeOffset.UtcNow - since;
    }

    /// <summary>The store-local day now, and the total of the store's sales the ledger holds rung up on it.</summary>
    private async Task<(DateTime Day, decimal Total)> LedgerDay()
    {
        await using var connection = await _stack.Database.DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.QuerySingleAsync<(DateTime, decimal)>(
            connection,
            """
            SELECT d.day, coalesce((SELECT sum(s.total) FROM sale s
                                    WHERE s.store_id = st.store_id
                                      AND s.rung_up_at >= d.day AT TIME ZONE st.time_zone
                                      AND s.rung_up_at < (d.day + interval '1 day') AT TIME ZONE st.time_zone), 0)
            FROM store st CROSS JOIN LATERAL (SELECT date_trunc('day', now() AT TIME ZONE st.time_zone) AS day) d
            WHERE st.store_id = @storeId
            """,
            new { storeId = _storeId });
    }

    /// <summary>Sales of the store in the ledger now: how many and their total.</summary>
    public async Task<(long Count, decimal Total)> Ledger()
    {
        await using var connection = await _stack.Database.DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.QuerySingleAsync<(long, decimal)>(connection, "SELECT count(*), coalesce(sum(total), 0) FROM sale WHERE store_id = @storeId", new { storeId = _storeId });
    }
}
