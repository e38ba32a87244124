using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>
/// How long after a fault a store's board is current again, as HQ's live board (SignalR, through the gateway) shows it:
/// current once it shows at least every sale the ledger held at a moment after the fault, including one recorded after
/// it. Figures are compared from a baseline taken before the fault (the board's day actual and the ledger's total then),
/// so sales of earlier days and of the demo history do not count.
/// </summary>
public sealed class BoardClock
{
    private readonly Stack _stack;
    private readonly string _storeId;
    private decimal _boardBefore;
    private decimal _ledgerBefore;

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
            clock._boardBefore = await stack.Boards.Join(storeId, cancellationToken);
        }
        catch (Microsoft.AspNetCore.SignalR.HubException exception)
        {
            // The hub tells its client no more than "an unexpected error": the command centers' logs say what it was.
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{stack.Cluster.Tails()}", exception);
        }

        clock._ledgerBefore = (await clock.Ledger()).Total;
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
        var target = (await Ledger()).Total - _ledgerBefore;
        await Eventually.Holds(
            () => _stack.Boards.LastActual(_storeId) - _boardBefore >= target,
            $"{_storeId}'s board shows the {target:0.00} the ledger held after the fault (it shows {_stack.Boards.LastActual(_storeId) - _boardBefore:0.00})",
            limit,
            cancellationToken);
        return DateTimeOffset.UtcNow - since;
    }

    /// <summary>Sales of the store in the ledger now: how many and their total.</summary>
    public async Task<(long Count, decimal Total)> Ledger()
    {
        await using var connection = await _stack.Database.DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.QuerySingleAsync<(long, decimal)>(connection, "SELECT count(*), coalesce(sum(total), 0) FROM sale WHERE store_id = @storeId", new { storeId = _storeId });
    }
}
