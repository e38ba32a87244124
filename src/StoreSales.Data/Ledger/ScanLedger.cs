using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// Appends scans to <c>scan_event</c>, each (store, terminal, sequence) once: a batch sent again inserts nothing, and
/// the keys that were new are returned (only those move the hot items, so a re-sent scan is never counted twice). One
/// statement per batch; at most <see cref="ScanLedgerOptions.Writers"/> at once and
/// <see cref="ScanLedgerOptions.MaxWaiting"/> waiting, beyond which <see cref="ScanLedgerBusyException"/> tells the
/// caller to come back later (503 with Retry-After), the sales' back-pressure rule.
/// </summary>
public sealed class ScanLedger(NpgsqlDataSource dataSource, IOptions<ScanLedgerOptions> options) : IDisposable
{
    private const string InsertSql = """
        INSERT INTO scan_event (store_id, terminal_id, sequence, scanned_at, code, symbology, kind, weight_kg)
        SELECT @store, u.terminal_id, u.sequence, u.scanned_at, u.code, u.symbology, u.kind, u.weight_kg
        FROM unnest(@terminals, @sequences, @times, @codes, @symbologies, @kinds, @weights)
            AS u(terminal_id, sequence, scanned_at, code, symbology, kind, weight_kg)
        ON CONFLICT DO NOTHING
        RETURNING terminal_id, sequence
        """;

    private readonly SemaphoreSlim _writers = new(options.Value.Writers);
    private int _waiting;

    /// <summary>The keys of <paramref name="scans"/> the ledger did not hold before (all of them on the first send).</summary>
    /// <exception cref="ScanLedgerBusyException">Too many batches wait already: nothing was written.</exception>
    public async Task<IReadOnlyList<SaleKey>> Append(string storeId, IReadOnlyList<ScanRecord> scans, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > options.Value.MaxWaiting + options.Value.Writers)
        {
            Interlocked.Decrement(ref _waiting);
            throw new ScanLedgerBusyException($"{options.Value.MaxWaiting} scan batches are waiting for the scan ledger already.");
        }

        try
        {
            await _writers.WaitAsync(cancellationToken);
            try
            {
                return await Insert(storeId, scans, cancellationToken);
            }
            finally
            {
                _writers.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _writers.Dispose();

    private async Task<IReadOnlyList<SaleKey>> Insert(string storeId, IReadOnlyList<ScanRecord> scans, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(InsertSql, connection);
        command.Parameters.AddWithValue("store", storeId);
        command.Parameters.AddWithValue("terminals", scans.Select(s => s.TerminalId).ToArray());
        command.Parameters.AddWithValue("sequences", scans.Select(s => s.Sequence).ToArray());
        command.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = scans.Select(s => s.ScannedAt.UtcDateTime).ToArray() });
        command.Parameters.AddWithValue("codes", scans.Select(s => s.Code).ToArray());
        command.Parameters.AddWithValue("symbologies", scans.Select(s => s.Symbology).ToArray());
        command.Parameters.AddWithValue("kinds", scans.Select(s => s.Kind).ToArray());
        command.Parameters.Add(new NpgsqlParameter("weights", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = scans.Select(s => s.WeightKg).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var inserted = new List<SaleKey>(scans.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(new SaleKey(reader.GetString(0), reader.GetInt64(1)));
        }

        return inserted;
    }
}

/// <summary>The scan ledger has too many batches waiting: send the batch again after the Retry-After.</summary>
public sealed class ScanLedgerBusyException(string message) : Exception(message);
