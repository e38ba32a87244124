using Npgsql;

namespace StoreSales.Data.Ledger;

/// <summary>
/// Folds the hourly rollup's pending rows (<c>sale_item_hour_pending</c>, written by the ledger's group commits with their
/// sales) into <c>sale_item_hour</c>: one statement deletes every pending row its snapshot sees and upserts their sums per
/// store, local hour and item, so each row is counted exactly once, in one table or the other, at every snapshot. Rows
/// committed while it runs stay for the next fold. Two folds at once (two silos) are safe: the second skips the rows the
/// first deleted, and both upsert in key order, so they wait for each other rather than deadlock.
/// </summary>
public sealed class SaleItemHourFold(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    // A store that is gone cannot be: a pending row is written only with its sale, whose foreign key checked the store.
    // work_mem: the fold sorts a few seconds' rows at full load; with the 4 MB default they spill to disk.
    private const string Fold = """
        WITH folded AS (
            DELETE FROM sale_item_hour_pending
            RETURNING store_id, quarter_at, item_code, milli_units, cents, lines
        )
        INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
        SELECT f.store_id, date_trunc('hour', f.quarter_at AT TIME ZONE st.time_zone), f.item_code,
               sum(f.milli_units) * 0.001, sum(f.cents) * 0.01, sum(f.lines)::int
        FROM folded f JOIN store st ON st.store_id = f.store_id
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        ON CONFLICT (store_id, local_hour, item_code) DO UPDATE
            SET units = sale_item_hour.units + excluded.units,
                amount = sale_item_hour.amount + excluded.amount,
                lines = sale_item_hour.lines + excluded.lines
        """;

    // Every row was just deleted: without this the table would grow until autovacuum came by (a minute or more, at
    // ~100,000 rows a second under the benchmark's load), and each fold and each read would scan the dead rows too.
    private const string Vacuum = "VACUUM sale_item_hour_pending";

    private NpgsqlConnection? _connection;

    /// <summary>Folds what is pending now; the number of rollup rows written (inserted or added to).</summary>
    public async Task<int> Run(CancellationToken cancellationToken)
    {
        var connection = await Connection(cancellationToken);
        try
        {
            int written;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await using (var memory = new NpgsqlCommand("SET LOCAL work_mem = '64MB'", connection, transaction))
                {
                    await memory.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var fold = new NpgsqlCommand(Fold, connection, transaction);
                written = await fold.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (written > 0)
            {
                await using var vacuum = new NpgsqlCommand(Vacuum, connection);
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }

            return written;
        }
        catch
        {
            await DropConnection();
            throw;
        }
    }

    private async Task<NpgsqlConnection> Connection(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        await DropConnection();
        _connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return _connection;
    }

    private async Task DropConnection()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync() => await DropConnection();
}
