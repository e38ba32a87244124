using Dapper;
using Npgsql;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Data.Targets;

/// <summary>A subject's monthly target as a page or the API lists it; <see cref="Amount"/> null when none is set.</summary>
public sealed record TargetLine(string SubjectId, string Name, string RegionId, string? StoreId, decimal? Amount);

/// <summary>One entry of the audit trail: who changed which target when, from what to what, why, from where.</summary>
public sealed record TargetChangeEntry(
    long ChangeId,
    TargetLevel Level,
    string SubjectId,
    string RegionId,
    string? StoreId,
    DateOnly Month,
    decimal? OldAmount,
    decimal NewAmount,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string Source,
    string? Reason,
    long? RequestId);

/// <summary>Reads monthly targets and their audit trail (<c>target_change</c>); the caller scopes what it shows.</summary>
public sealed class TargetBook(NpgsqlDataSource dataSource)
{
    /// <summary>The regions' targets of the month, every region listed.</summary>
    public Task<IReadOnlyList<TargetLine>> Regions(DateOnly month, CancellationToken cancellationToken) => Lines(
        """
        SELECT r.region_id AS subject_id, r.name, r.region_id, NULL::text AS store_id, t.amount
        FROM region r LEFT JOIN region_target t ON t.region_id = r.region_id AND t.month = @month
        ORDER BY r.region_id
        """,
        month,
        null,
        cancellationToken);

    /// <summary>The stores' targets of the month, of one region or all.</summary>
    public Task<IReadOnlyList<TargetLine>> Stores(string? regionId, DateOnly month, CancellationToken cancellationToken) => Lines(
        """
        SELECT s.store_id AS subject_id, s.name, s.region_id, s.store_id, t.amount
        FROM store s LEFT JOIN store_target t ON t.store_id = s.store_id AND t.month = @month
        WHERE @id::text IS NULL OR s.region_id = @id
        ORDER BY s.store_id
        """,
        month,
        regionId,
        cancellationToken);

    /// <summary>The reps' targets of the month, of one store or all.</summary>
    public Task<IReadOnlyList<TargetLine>> Reps(string? storeId, DateOnly month, CancellationToken cancellationToken) => Lines(
        """
        SELECT p.rep_id AS subject_id, p.name, s.region_id, p.store_id, t.amount
        FROM rep p JOIN store s ON s.store_id = p.store_id
        LEFT JOIN rep_target t ON t.rep_id = p.rep_id AND t.month = @month
        WHERE @id::text IS NULL OR p.store_id = @id
        ORDER BY p.rep_id
        """,
        month,
        storeId,
        cancellationToken);

    /// <summary>Every store's region and time zone: the zones whose freeze day applies to a list of targets.</summary>
    public async Task<IReadOnlyList<(string StoreId, string RegionId, string TimeZone)>> StoreZones(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string, string)>(new CommandDefinition(
            "SELECT store_id, region_id, time_zone FROM store ORDER BY store_id", cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>The region, store or rep a target belongs to, or null when there is none with this id.</summary>
    public async Task<TargetSubject?> Subject(TargetLevel level, string subjectId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await TargetSubject.Find(connection, level, subjectId, null, cancellationToken);
    }

    /// <summary>The target of one subject and month, or null when none is set.</summary>
    public async Task<decimal?> Amount(TargetLevel level, string subjectId, DateOnly month, CancellationToken cancellationToken)
    {
        var (table, key) = TargetTables.Of(level);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<decimal?>(new CommandDefinition(
            $"SELECT amount FROM {table} WHERE {key} = @subjectId AND month = @month",
            new { subjectId, month = TargetTables.Key(month) },
            cancellationToken: cancellationToken));
    }

    /// <summary>The audit trail of <paramref name="month"/>, oldest first; of one level or subject when given.</summary>
    public async Task<IReadOnlyList<TargetChangeEntry>> Changes(DateOnly month, TargetLevel? level, string? subjectId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            """
            SELECT c.change_id, c.level, c.subject_id,
                   CASE c.level WHEN 'region' THEN c.subject_id WHEN 'store' THEN s.region_id ELSE rs.region_id END AS region_id,
                   CASE c.level WHEN 'store' THEN c.subject_id WHEN 'rep' THEN r.store_id END AS store_id,
                   c.month, c.old_amount, c.new_amount, c.changed_by, c.changed_at, c.source, c.reason, c.request_id
            FROM target_change c
            LEFT JOIN store s ON c.level = 'store' AND s.store_id = c.subject_id
            LEFT JOIN rep r ON c.level = 'rep' AND r.rep_id = c.subject_id
            LEFT JOIN store rs ON rs.store_id = r.store_id
            WHERE c.month = @month AND (@level::text IS NULL OR c.level = @level) AND (@subjectId::text IS NULL OR c.subject_id = @subjectId)
            ORDER BY c.changed_at, c.change_id
            """,
            new { month = TargetTables.Key(month), level = level is { } l ? TargetCodes.Of(l) : null, subjectId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToEntry())];
    }

    private async Task<IReadOnlyList<TargetLine>> Lines(string sql, DateOnly month, string? id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LineRow>(new CommandDefinition(sql, new { month = TargetTables.Key(month), id }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new TargetLine(r.subject_id, r.name, r.region_id, r.store_id, r.amount))];
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record LineRow(string subject_id, string name, string region_id, string? store_id, decimal? amount);

    private sealed record ChangeRow(
        long change_id, string level, string subject_id, string? region_id, string? store_id, DateOnly month, decimal? old_amount, decimal new_amount,
        string changed_by, DateTime changed_at, string source, string? reason, long? request_id)
    {
        public TargetChangeEntry ToEntry() => new(
            change_id, TargetCodes.LevelOf(level) ?? throw new InvalidOperationException($"Unknown target level '{level}'."), subject_id, region_id ?? "",
            store_id, month, old_amount, new_amount, changed_by, LedgerTime.Utc(changed_at), source, reason, request_id);
    }
#pragma warning restore IDE1006, CA1707
}
