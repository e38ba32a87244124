using System.Globalization;
using System.Text.Json;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>A Z report waiting in the outbox, by its row id.</summary>
public sealed record PendingZReport(long Id, ZReportRecord Report);

/// <summary>
/// The tills' day-end reports (table <c>z_reports</c>) waiting for upload. A Z is stamped with the terminal's last sale
/// sequence when it is stored, and goes up only once every sale up to that sequence has left the outbox (acked or
/// refused): the silo then reconciles it against a ledger that already has the day's sales.
/// </summary>
public sealed class DayEndReports(OutboxDatabase database) : IZReportSink, IDisposable
{
    private const string Pending = "pending";
    private const string Refused = "rejected";

    // Released when a Z is stored or its terminal's sales leave the outbox, so the idle Z upload loop sleeps on this.
    private readonly SemaphoreSlim _mayBeReady = new(0, 1);

    /// <summary>Z reports not yet acked by the server.</summary>
    public long PendingCount => database.Locked(() =>
        Convert.ToInt64(database.Scalar("SELECT COUNT(*) FROM z_reports WHERE state = 'pending';"), CultureInfo.InvariantCulture));

    public bool AppendZ(ZReportRecord z)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(z.TerminalId, nameof(z));
        var stored = database.Locked(() =>
        {
            using var tx = database.BeginTransaction();
            using var last = database.Command("SELECT last_sequence FROM terminal_sequence WHERE terminal_id = $terminal;", tx);
            last.Parameters.AddWithValue("$terminal", z.TerminalId);
            var lastSequence = last.ExecuteScalar() is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0L;

            using var insert = database.Command(
                """
                INSERT INTO z_reports (terminal_id, business_day, payload) VALUES ($terminal, $day, $payload)
                ON CONFLICT (terminal_id, business_day) DO NOTHING;
                """,
                tx);
            insert.Parameters.AddWithValue("$terminal", z.TerminalId);
            insert.Parameters.AddWithValue("$day", z.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(z with { LastSequence = lastSequence }, EdgeJson.Options));
            var inserted = insert.ExecuteNonQuery() == 1;
            tx.Commit();
            return inserted;
        });
        if (stored)
        {
            Wake();
        }

        return stored;
    }

    /// <summary>Waits until a Z is stored or sales leave the outbox in this process, or <paramref name="atMost"/> passed.</summary>
    public async Task WaitAsync(TimeSpan atMost, CancellationToken cancellationToken) =>
        await _mayBeReady.WaitAsync(atMost, cancellationToken);

    /// <summary>Wakes the idle Z upload loop: a Z was stored, or sales left the outbox and a Z waiting for them may be ready.</summary>
    public void Wake()
    {
        try
        {
            if (_mayBeReady.CurrentCount == 0)
            {
                _mayBeReady.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another caller woke it first: one pending wake-up is enough.
        }
    }

    public void Dispose() => _mayBeReady.Dispose();

    /// <summary>
    /// The pending Z reports whose terminal has no sale up to the Z's last sequence still waiting in the outbox, oldest
    /// first, each with the sequences up to it the server refused (from the rejected table).
    /// </summary>
    public IReadOnlyList<PendingZReport> PeekReady(int max = 50) => database.Locked(() =>
    {
        using var cmd = database.Command(
            """
            SELECT z.id, z.payload FROM z_reports z
            WHERE z.state = 'pending'
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.terminal_id = z.terminal_id
                              AND o.sequence <= json_extract(z.payload, '$.lastSequence'))
            ORDER BY z.id LIMIT $max;
            """);
        cmd.Parameters.AddWithValue("$max", max);
        var ready = new List<PendingZReport>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                ready.Add(new PendingZReport(reader.GetInt64(0), JsonSerializer.Deserialize<ZReportRecord>(reader.GetString(1), EdgeJson.Options)!));
            }
        }

        return (IReadOnlyList<PendingZReport>)[.. ready.Select(z => z with { Report = z.Report with { RejectedSequences = RejectedUpTo(z.Report) } })];
    });

    /// <summary>The server has the Z: it leaves the outbox.</summary>
    public void Acked(long id) => database.Locked(() =>
    {
        using var delete = database.Command("DELETE FROM z_reports WHERE id = $id;");
        delete.Parameters.AddWithValue("$id", id);
        return delete.ExecuteNonQuery();
    });

    /// <summary>The server refused the Z: kept with its reason, not sent again.</summary>
    public void Refuse(long id, string reason) => database.Locked(() =>
    {
        using var update = database.Command($"UPDATE z_reports SET state = '{Refused}', reason = $reason WHERE id = $id AND state = '{Pending}';");
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$reason", reason);
        return update.ExecuteNonQuery();
    });

    /// <summary>Every Z report kept, with its state and the server's reason when refused (oldest first).</summary>
    public IReadOnlyList<(ZReportRecord Report, string State, string? Reason)> ReadAll() => database.Locked(() =>
    {
        using var cmd = database.Command("SELECT payload, state, reason FROM z_reports ORDER BY id;");
        using var reader = cmd.ExecuteReader();
        var all = new List<(ZReportRecord, string, string?)>();
        while (reader.Read())
        {
            all.Add((JsonSerializer.Deserialize<ZReportRecord>(reader.GetString(0), EdgeJson.Options)!, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return (IReadOnlyList<(ZReportRecord, string, string?)>)all;
    });

    private List<long> RejectedUpTo(ZReportRecord z)
    {
        using var cmd = database.Command("SELECT sequence FROM rejected WHERE terminal_id = $terminal AND sequence <= $last ORDER BY sequence;");
        cmd.Parameters.AddWithValue("$terminal", z.TerminalId);
        cmd.Parameters.AddWithValue("$last", z.LastSequence);
        using var reader = cmd.ExecuteReader();
        var sequences = new List<long>();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }
}
