using Dapper;
using Npgsql;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Data.Targets;

/// <summary>
/// What a target belongs to, as the rules need it: the region (whose managers set a store's target), the store (whose
/// manager sets a rep's, and whose pace a rep follows) and the time zones whose freeze day applies.
/// </summary>
public sealed record TargetSubject(TargetLevel Level, string SubjectId, string RegionId, string? StoreId, IReadOnlyList<string> TimeZones)
{
    /// <summary>When <paramref name="month"/> freezes for this subject: in its store's zone, a region with its first store.</summary>
    public DateTimeOffset FreezesAt(DateOnly month, TimeZoneInfo chainZone, TargetFreezeOptions options) =>
        RegionTargetFreeze.FreezesAt(month, TimeZones.Select(TimeZoneInfo.FindSystemTimeZoneById), chainZone, options);

    /// <summary>
    /// Reads the subject, or null when there is none with this id. With <paramref name="transaction"/>, the subject's
    /// master row is locked (FOR NO KEY UPDATE): two changes of one target then run one after the other, so each reads
    /// the value the other wrote as its old amount.
    /// </summary>
    public static async Task<TargetSubject?> Find(NpgsqlConnection connection, TargetLevel level, string subjectId, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var lockRow = transaction is null ? "" : " FOR NO KEY UPDATE OF m";
        var sql = level switch
        {
            TargetLevel.Region => $"SELECT m.region_id AS region_id, NULL::text AS store_id FROM region m WHERE m.region_id = @subjectId{lockRow}",
            TargetLevel.Store => $"SELECT m.region_id, m.store_id FROM store m WHERE m.store_id = @subjectId{lockRow}",
            TargetLevel.Rep => $"SELECT s.region_id, s.store_id FROM rep m JOIN store s ON s.store_id = m.store_id WHERE m.rep_id = @subjectId{lockRow}",
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
        var found = await connection.QuerySingleOrDefaultAsync<SubjectRow>(new CommandDefinition(sql, new { subjectId }, transaction, cancellationToken: cancellationToken));
        if (found is null)
        {
            return null;
        }

        var zones = level == TargetLevel.Region
            ? (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT DISTINCT time_zone FROM store WHERE region_id = @regionId ORDER BY time_zone", new { regionId = found.region_id }, transaction, cancellationToken: cancellationToken))).ToList()
            : (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT time_zone FROM store WHERE store_id = @storeId", new { storeId = found.store_id }, transaction, cancellationToken: cancellationToken))).ToList();
        return new TargetSubject(level, subjectId, found.region_id, found.store_id, zones);
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record SubjectRow(string region_id, string? store_id);
#pragma warning restore IDE1006, CA1707
}
