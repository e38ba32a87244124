using System.Collections.Immutable;
using System.Text.Json;
using Dapper;
using Npgsql;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Sales.DayEnd;

namespace StoreSales.Data.DayEnd;

/// <summary>What recording a Z did.</summary>
public enum ZReportWrite
{
    /// <summary>The first Z of this terminal and business day: stored.</summary>
    Recorded,

    /// <summary>The same Z again (a retried upload): nothing changed.</summary>
    Duplicate,

    /// <summary>A different Z for a terminal and business day that already has one: refused, the first one stays.</summary>
    Conflict,
}

/// <summary>A stored Z and the first sequence it covers (the previous Z's last sequence + 1; null for a terminal's first Z).</summary>
public sealed record StoredZReport(ZReport Report, long? CoveredFrom);

/// <summary>The tills' day-end reports (table <c>z_report</c>, migration 0450), one per store, terminal and business day.</summary>
public sealed class ZReports(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ZReportWrite> Record(string storeId, ZReportRecord z, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO z_report (store_id, terminal_id, business_day, z_number, closed_at, captured_at, last_sequence,
                                  sale_count, gross, returns, voids, tenders, rejected_sequences)
            VALUES (@Store, @TerminalId, @Day, @ZNumber, @ClosedAt, @CapturedAt, @LastSequence,
                    @Count, @Gross, @Returns, @Voids, @Tenders::jsonb, @Rejected)
            ON CONFLICT (store_id, terminal_id, business_day) DO NOTHING
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Store = storeId,
            z.TerminalId,
            Day = z.BusinessDay,
            z.ZNumber,
            ClosedAt = z.ClosedAt.ToUniversalTime(),
            CapturedAt = z.CapturedAt.ToUniversalTime(),
            z.LastSequence,
            z.Count,
            z.Gross,
            z.Returns,
            z.Voids,
            Tenders = JsonSerializer.Serialize(z.Tenders, Json),
            Rejected = z.RejectedSequences.Distinct().Order().ToArray(),
        }, cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            return ZReportWrite.Recorded;
        }

        var stored = (await Read(connection, storeId, z.BusinessDay, z.BusinessDay, z.TerminalId, cancellationToken)).Single().Report;
        return SameFigures(stored, z) ? ZReportWrite.Duplicate : ZReportWrite.Conflict;
    }

    /// <summary>The store's Z reports of <paramref name="from"/> … <paramref name="to"/> (inclusive), newest day first, terminals in order.</summary>
    public async Task<IReadOnlyList<StoredZReport>> Read(string storeId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Read(connection, storeId, from, to, null, cancellationToken);
    }

    /// <summary>The business days of the store that have a Z, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> Days(string storeId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var days = await connection.QueryAsync<DateOnly>(new CommandDefinition(
            "SELECT DISTINCT business_day FROM z_report WHERE store_id = @storeId ORDER BY business_day DESC LIMIT @max",
            new { storeId, max },
            cancellationToken: cancellationToken));
        return [.. days];
    }

    /// <summary>
    /// The terminal days whose stored Z covers one of <paramref name="sales"/> (a sale that arrived after its Z: it was
    /// missing when the Z came), each with those sales' sequences. A sale is covered by its terminal's earliest Z whose
    /// last sequence reaches it. Sales rung up after every Z (the everyday case) find none: one indexed look-up per batch.
    /// </summary>
    public async Task<IReadOnlyList<(string TerminalId, DateOnly BusinessDay, long[] Sequences)>> Covering(string storeId, IReadOnlyList<SaleKey> sales, CancellationToken cancellationToken)
    {
        if (sales.Count == 0)
        {
            return [];
        }

        const string Sql = """
            SELECT s.terminal_id, z.business_day, array_agg(s.sequence ORDER BY s.sequence)
            FROM unnest(@terminals::text[], @sequences::bigint[]) AS s(terminal_id, sequence)
            CROSS JOIN LATERAL (
                SELECT business_day FROM z_report z
                WHERE z.store_id = @storeId AND z.terminal_id = s.terminal_id AND z.last_sequence >= s.sequence
                ORDER BY z.business_day LIMIT 1
            ) z
            GROUP BY s.terminal_id, z.business_day
            ORDER BY z.business_day, s.terminal_id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("storeId", storeId);
        command.Parameters.AddWithValue("terminals", sales.Select(s => s.TerminalId).ToArray());
        command.Parameters.AddWithValue("sequences", sales.Select(s => s.Sequence).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<(string, DateOnly, long[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<long[]>(2)));
        }

        return days;
    }

    private static async Task<IReadOnlyList<StoredZReport>> Read(NpgsqlConnection connection, string storeId, DateOnly from, DateOnly to, string? terminalId, CancellationToken cancellationToken)
    {
        // The previous Z of the same terminal (any earlier day) gives the range's start: LATERAL takes it by the primary key.
        const string Sql = """
            SELECT z.terminal_id AS TerminalId, z.business_day AS BusinessDay, z.z_number AS ZNumber, z.closed_at AS ClosedAt,
                   z.last_sequence AS LastSequence, z.sale_count AS Count, z.gross AS Gross, z.returns AS Returns, z.voids AS Voids,
                   z.tenders::text AS Tenders, z.rejected_sequences AS Rejected, p.last_sequence AS PreviousLastSequence
            FROM z_report z
            LEFT JOIN LATERAL (
                SELECT last_sequence FROM z_report e
                WHERE e.store_id = z.store_id AND e.terminal_id = z.terminal_id AND e.business_day < z.business_day
                ORDER BY e.business_day DESC LIMIT 1
            ) p ON true
            WHERE z.store_id = @storeId AND z.business_day BETWEEN @from AND @to AND (@terminalId IS NULL OR z.terminal_id = @terminalId)
            ORDER BY z.business_day DESC, z.terminal_id
            """;
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("storeId", storeId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.Add(new NpgsqlParameter("terminalId", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)terminalId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reports = new List<StoredZReport>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(new StoredZReport(
                new ZReport(
                    reader.GetString(0),
                    reader.GetFieldValue<DateOnly>(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetInt64(4),
                    new DayFigures(reader.GetInt32(5), reader.GetDecimal(6), reader.GetDecimal(7), reader.GetInt32(8), Tenders(reader.GetString(9))),
                    reader.GetFieldValue<long[]>(10).ToHashSet()),
                reader.IsDBNull(11) ? null : reader.GetInt64(11) + 1));
        }

        return reports;
    }

    private static ImmutableSortedDictionary<string, decimal> Tenders(string json) =>
        JsonSerializer.Deserialize<List<TenderRecord>>(json, Json)!
            .GroupBy(t => t.Method, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.Sum(t => t.Amount), StringComparer.Ordinal);

    private static bool SameFigures(ZReport stored, ZReportRecord z) =>
        stored.ZNumber == z.ZNumber
        && stored.LastSequence == z.LastSequence
        && stored.Figures.Count == z.Count
        && stored.Figures.Gross == z.Gross
        && stored.Figures.Returns == z.Returns
        && stored.Figures.Voids == z.Voids
        && stored.Figures.Tenders.SequenceEqual(Tenders(JsonSerializer.Serialize(z.Tenders, Json)));
}
