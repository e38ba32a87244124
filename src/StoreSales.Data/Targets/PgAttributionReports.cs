using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Abstractions.Targets;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Data.Targets;

/// <summary>
/// Generates a month's attribution report: the facts of every store read set-based (<see cref="AttributionFactsReader"/>),
/// split by the Domain rule (<see cref="AttributionRule"/>), and written in one transaction that first removes the month's
/// report: a re-run replaces it whole, and a reader never sees half of one.
/// </summary>
public sealed class PgAttributionReports(
    NpgsqlDataSource dataSource,
    IOptions<AttributionOptions> options,
    IOptions<InterventionSlaOptions> sla) : IAttributionReports
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<DateTimeOffset?> GeneratedAt(DateOnly month, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var at = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT generated_at FROM attribution_report WHERE month = @month",
            new { month = month.ToDateTime(TimeOnly.MinValue) },
            cancellationToken: cancellationToken));
        return at is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    public async Task<AttributionRun> Generate(DateOnly month, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = options.Value;
        var resolveWithin = sla.Value.ResolveWithin;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The month's lines of a thousand stores: the per-store sums sort and hash in memory, not on disk.
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL work_mem = '256MB'", transaction: transaction, cancellationToken: cancellationToken));
        var facts = await AttributionFactsReader.Read(connection, transaction, month, settings, resolveWithin, cancellationToken);
        var stores = facts.Select(f => AttributionRule.Split(f, settings, resolveWithin)).ToList();

        var first = month.ToDateTime(TimeOnly.MinValue);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM attribution_report WHERE month = @first;
            INSERT INTO attribution_report (month, generated_at, stores, settings) VALUES (@first, @at, @count, @settings::jsonb);
            """,
            new
            {
                first,
                at = at.UtcDateTime,
                count = stores.Count,
                settings = JsonSerializer.Serialize(new { settings.ProfileWeeks, settings.OfflineMinimum, settings.CalibrationTolerance, ResolveWithin = resolveWithin }, Json),
            },
            transaction,
            cancellationToken: cancellationToken));

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO attribution_store (month, store_id, region_id, target, actual, objective, management, unexplained, causes)
            SELECT @first, r.* FROM unnest(@stores, @regions, @targets, @actuals, @objective, @management, @unexplained, @causes) AS r
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("first", first);
            insert.Parameters.AddWithValue("stores", stores.Select(s => s.StoreId).ToArray());
            insert.Parameters.AddWithValue("regions", stores.Select(s => s.RegionId).ToArray());
            insert.Parameters.AddWithValue("targets", stores.Select(s => s.Target).ToArray());
            insert.Parameters.AddWithValue("actuals", stores.Select(s => s.Actual).ToArray());
            insert.Parameters.AddWithValue("objective", stores.Select(s => s.Objective).ToArray());
            insert.Parameters.AddWithValue("management", stores.Select(s => s.Management).ToArray());
            insert.Parameters.AddWithValue("unexplained", stores.Select(s => s.Unexplained).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("causes", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
            {
                Value = stores.Select(s => JsonSerializer.Serialize(s.Causes, Json)).ToArray(),
            });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AttributionRun(month, stores.Count, at, clock.Elapsed);
    }
}
