using Dapper;
using Npgsql;

namespace StoreSales.Data.Targets;

/// <summary>
/// The writes of a month's target with its audit entry (target_change: who, when, old, new, why), inside the caller's
/// transaction. Decomposition writes through here only, so the shared target write path (and its live re-pace of the
/// grains) can take these two methods' place in one spot.
/// </summary>
public static class TargetWrites
{
    /// <summary>Sets the region's month target and records the change (source <c>edit</c>).</summary>
    public static Task WriteRegionTarget(NpgsqlConnection connection, NpgsqlTransaction transaction, string regionId, DateOnly month, decimal amount, string changedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            WITH old AS (SELECT amount FROM region_target WHERE region_id = @regionId AND month = @month FOR UPDATE),
            upsert AS (
                INSERT INTO region_target (region_id, month, amount) VALUES (@regionId, @month, @amount)
                ON CONFLICT (region_id, month) DO UPDATE SET amount = EXCLUDED.amount
            )
            INSERT INTO target_change (level, subject_id, month, old_amount, new_amount, changed_by, changed_at, source, reason)
            SELECT 'region', @regionId, @month, (SELECT amount FROM old), @amount, @changedBy, @at, 'edit', 'decomposition'
            """,
            new { regionId, month = month.ToDateTime(TimeOnly.MinValue), amount, changedBy, at = at.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Sets the stores' month targets (store_target upsert) and records each change (source <paramref name="source"/>),
    /// set-based: one statement for any number of stores.
    /// </summary>
    public static Task WriteStoreTargets(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, IReadOnlyList<StoreTargetWrite> targets, string source, string changedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            WITH input AS (
                SELECT * FROM unnest(@stores::text[], @amounts::numeric[], @reasons::text[]) AS i(store_id, amount, reason)
            ), old AS (
                SELECT t.store_id, t.amount FROM store_target t JOIN input i USING (store_id)
                WHERE t.month = @month FOR UPDATE OF t
            ), upsert AS (
                INSERT INTO store_target (store_id, month, amount)
                SELECT store_id, @month, amount FROM input
                ON CONFLICT (store_id, month) DO UPDATE SET amount = EXCLUDED.amount
            )
            INSERT INTO target_change (level, subject_id, month, old_amount, new_amount, changed_by, changed_at, source, reason)
            SELECT 'store', i.store_id, @month, o.amount, i.amount, @changedBy, @at, @source, i.reason
            FROM input i LEFT JOIN old o USING (store_id)
            ORDER BY i.store_id
            """,
            new
            {
                month = month.ToDateTime(TimeOnly.MinValue),
                stores = targets.Select(t => t.StoreId).ToArray(),
                amounts = targets.Select(t => t.Amount).ToArray(),
                reasons = targets.Select(t => t.Reason).ToArray(),
                source,
                changedBy,
                at = at.UtcDateTime,
            },
            transaction,
            cancellationToken: cancellationToken));
}
