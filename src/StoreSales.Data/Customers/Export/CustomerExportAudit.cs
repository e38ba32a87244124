using System.Text.Json;
using Dapper;
using Npgsql;

namespace StoreSales.Data.Customers.Export;

/// <summary>
/// The audit of customer exports (<c>customer_export_audit</c>, migration 0230): every attempt, refused or allowed, with
/// who, when, the filter as asked and how many rows went out. An allowed export is written before its first row (so an
/// export cut off by a crash is still on record) and its row count set when it ends, however it ends.
/// </summary>
public sealed class CustomerExportAudit(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Records an attempt; returns its id, to set the row count of an allowed one when it ends.</summary>
    public async Task<long> Record(string exportedBy, CustomerExportFilter filter, bool allowed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO customer_export_audit (exported_by, exported_at, filter, row_count, allowed)
            VALUES (@exportedBy, @now, @filter::jsonb, 0, @allowed)
            RETURNING export_id
            """,
            new { exportedBy, now = LedgerTime.Now(clock).UtcDateTime, filter = JsonSerializer.Serialize(filter, JsonSerializerOptions.Web), allowed },
            cancellationToken: cancellationToken));
    }

    /// <summary>How many rows an allowed export sent.</summary>
    public async Task Finish(long exportId, int rowCount, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE customer_export_audit SET row_count = @rowCount WHERE export_id = @exportId",
            new { exportId, rowCount },
            cancellationToken: cancellationToken));
    }
}
