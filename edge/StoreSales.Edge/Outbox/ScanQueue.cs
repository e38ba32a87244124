using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>
/// The scans waiting for upload (table <c>scans</c>) and each terminal's scan sequence (<c>scan_sequence</c>). Numbered
/// like sales: the sequence is bumped in the transaction that stores the scan, so it is never reused, and a scan leaves
/// only when the server has acked it as durable (or refused it on its own). A terminal's scans count within the outbox's
/// <see cref="StoreSales.Domain.Sales.TerminalEpoch"/> like its sales, so an agent reinstalled with an empty outbox never
/// sends a scan sequence the server already holds (it would be taken for a re-sent scan and dropped).
/// </summary>
public sealed class ScanQueue(OutboxDatabase database, TimeProvider time, long epoch) : IDisposable
{
    // Released when scans arrive, so an idle scan uploader sleeps on this instead of polling the table.
    private readonly SemaphoreSlim _scansArrived = new(0, 1);

    /// <summary>Scans waiting for upload.</summary>
    public long Depth => database.Locked(() => Convert.ToInt64(database.Scalar("SELECT COUNT(*) FROM scans;"), CultureInfo.InvariantCulture));

    /// <summary>
    /// Numbers and stores <paramref name="scans"/> (in their order, each terminal's next sequence) in one transaction:
    /// scans arriving together share one commit (one sync to disk). Returns the scans as stored, with their sequences.
    /// </summary>
    public IReadOnlyList<ScanRecord> Append(IReadOnlyList<ScanRecord> scans)
    {
        if (scans.Count == 0)
        {
            return [];
        }

        var stored = database.Locked(() =>
        {
            using var tx = database.BeginTransaction();
            using var bump = database.Command(
                """
                INSERT INTO scan_sequence (terminal_id, last_sequence) VALUES ($terminal, $first)
                ON CONFLICT (terminal_id) DO UPDATE SET last_sequence = last_sequence + 1
                RETURNING last_sequence;
                """,
                tx);
            var bumpTerminal = bump.Parameters.Add("$terminal", SqliteType.Text);
            bump.Parameters.AddWithValue("$first", StoreSales.Domain.Sales.TerminalEpoch.Sequence(epoch, 1));
            using var insert = database.Command("INSERT INTO scans (terminal_id, sequence, payload, enqueued_at) VALUES ($terminal, $sequence, $payload, $at);", tx);
            var terminal = insert.Parameters.Add("$terminal", SqliteType.Text);
            var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            insert.Parameters.AddWithValue("$at", OutboxDatabase.FormatTime(time.GetUtcNow()));

            var numbered = new List<ScanRecord>(scans.Count);
            foreach (var scan in scans)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(scan.TerminalId, nameof(scans));
                bumpTerminal.Value = scan.TerminalId;
                var next = scan with { Sequence = Convert.ToInt64(bump.ExecuteScalar(), CultureInfo.InvariantCulture) };
                terminal.Value = next.TerminalId;
                sequence.Value = next.Sequence;
                payload.Value = JsonSerializer.Serialize(next, EdgeJson.Options);
                insert.ExecuteNonQuery();
                numbered.Add(next);
            }

            tx.Commit();
            return numbered;
        });

        Signal();
        return stored;
    }

    /// <summary>The oldest <paramref name="count"/> scans, in the order they were stored (each terminal's sequences ascending).</summary>
    public IReadOnlyList<ScanRecord> PeekOldest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return database.Locked(() =>
        {
            using var cmd = database.Command("SELECT payload FROM scans ORDER BY rowid LIMIT $count;");
            cmd.Parameters.AddWithValue("$count", count);
            using var reader = cmd.ExecuteReader();
            var scans = new List<ScanRecord>();
            while (reader.Read())
            {
                scans.Add(JsonSerializer.Deserialize<ScanRecord>(reader.GetString(0), EdgeJson.Options)
                    ?? throw new InvalidDataException("A scans row holds a null scan."));
            }

            return (IReadOnlyList<ScanRecord>)scans;
        });
    }

    /// <summary>Deletes exactly the given keys (acked as durable, or refused on their own). Returns how many were here.</summary>
    public int Remove(IEnumerable<SaleKey> keys) => database.DeleteKeys("scans", keys);

    /// <summary>The last scan sequence assigned to <paramref name="terminalId"/>, 0 if none yet.</summary>
    public long LastSequence(string terminalId) => database.Locked(() =>
    {
        using var cmd = database.Command("SELECT last_sequence FROM scan_sequence WHERE terminal_id = $terminal;");
        cmd.Parameters.AddWithValue("$terminal", terminalId);
        return cmd.ExecuteScalar() is long value ? value : 0;
    });

    /// <summary>Waits until scans are stored in this process, or <paramref name="atMost"/> passed.</summary>
    public async Task WaitForScansAsync(TimeSpan atMost, CancellationToken cancellationToken) =>
        await _scansArrived.WaitAsync(atMost, cancellationToken);

    public void Dispose() => _scansArrived.Dispose();

    private void Signal()
    {
        try
        {
            if (_scansArrived.CurrentCount == 0)
            {
                _scansArrived.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another store signalled first: one pending wake-up is enough.
        }
    }
}
