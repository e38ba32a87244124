using System.Globalization;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>
/// Sales the server refused by themselves (table <c>rejected</c>): moved out of the <see cref="SaleQueue"/> with the
/// server's reason, kept until someone requeues them (<c>StoreSales.Edge rejected</c>) under their own terminal and
/// sequence.
/// </summary>
public sealed class RejectedSales(OutboxDatabase database, SaleQueue queue, TimeProvider time)
{
    /// <summary>Sales the server refused, kept in the rejected table.</summary>
    public long Count => database.Locked(() => Convert.ToInt64(database.Scalar("SELECT COUNT(*) FROM rejected;"), CultureInfo.InvariantCulture));

    /// <summary>Moves one sale from the outbox to the rejected table with the server's reason. False when it was not in the outbox.</summary>
    public bool Reject(SaleKey key, string reason) => database.Locked(() =>
    {
        using var tx = database.BeginTransaction();
        using var move = database.Command(
            """
            INSERT OR REPLACE INTO rejected (terminal_id, sequence, payload, enqueued_at, rejected_at, reason)
            SELECT terminal_id, sequence, payload, enqueued_at, $at, $reason FROM outbox
            WHERE terminal_id = $terminal AND sequence = $sequence;
            DELETE FROM outbox WHERE terminal_id = $terminal AND sequence = $sequence;
            """,
            tx);
        move.Parameters.AddWithValue("$terminal", key.TerminalId);
        move.Parameters.AddWithValue("$sequence", key.Sequence);
        move.Parameters.AddWithValue("$at", OutboxDatabase.FormatTime(time.GetUtcNow()));
        move.Parameters.AddWithValue("$reason", reason);
        var affected = move.ExecuteNonQuery();
        tx.Commit();
        return affected > 0;
    });

    /// <summary>The rejected sales, oldest rejection first.</summary>
    public IReadOnlyList<RejectedSale> Read(int max = 1000) => database.Locked(() =>
    {
        using var cmd = database.Command("SELECT payload, enqueued_at, rejected_at, reason FROM rejected ORDER BY rowid LIMIT $max;");
        cmd.Parameters.AddWithValue("$max", max);
        using var reader = cmd.ExecuteReader();
        var sales = new List<RejectedSale>();
        while (reader.Read())
        {
            sales.Add(new RejectedSale(
                OutboxDatabase.ReadSale(reader.GetString(0)),
                OutboxDatabase.ParseTime(reader.GetString(1)),
                OutboxDatabase.ParseTime(reader.GetString(2)),
                reader.GetString(3)));
        }

        return (IReadOnlyList<RejectedSale>)sales;
    });

    /// <summary>Puts every rejected sale back in the outbox, same sequence (after the server was fixed). Returns how many.</summary>
    public int RequeueAll() => database.Locked(() =>
    {
        using var tx = database.BeginTransaction();
        var moved = RequeueOne(tx, null);
        tx.Commit();
        queue.SignalSalesArrived();
        return moved;
    });

    /// <summary>
    /// Puts the given rejected sales back in the outbox under their own terminal and sequence, so a retry the server
    /// already holds is a harmless duplicate. Returns the keys that were not in the rejected table; none is moved then.
    /// </summary>
    public IReadOnlyList<SaleKey> Requeue(IReadOnlyCollection<SaleKey> keys) => database.Locked(() =>
    {
        using var tx = database.BeginTransaction();
        var missing = keys.Where(k => RequeueOne(tx, k) == 0).ToList();
        if (missing.Count > 0)
        {
            tx.Rollback();
            return (IReadOnlyList<SaleKey>)missing;
        }

        tx.Commit();
        queue.SignalSalesArrived();
        return [];
    });

    /// <summary>Moves one rejected sale (or all of them, <paramref name="key"/> null) back to the outbox inside <paramref name="tx"/>.</summary>
    private int RequeueOne(Microsoft.Data.Sqlite.SqliteTransaction tx, SaleKey? key)
    {
        var where = key is null ? "" : " WHERE terminal_id = $terminal AND sequence = $sequence";
        Microsoft.Data.Sqlite.SqliteCommand Command(string sql)
        {
            var command = database.Command(sql, tx);
            if (key is not null)
            {
                command.Parameters.AddWithValue("$terminal", key.TerminalId);
                command.Parameters.AddWithValue("$sequence", key.Sequence);
            }

            return command;
        }

        using var insert = Command($"INSERT OR IGNORE INTO outbox (terminal_id, sequence, payload, enqueued_at) SELECT terminal_id, sequence, payload, enqueued_at FROM rejected{where} ORDER BY rowid;");
        insert.ExecuteNonQuery();
        using var delete = Command($"DELETE FROM rejected{where};");
        return delete.ExecuteNonQuery();
    }
}
