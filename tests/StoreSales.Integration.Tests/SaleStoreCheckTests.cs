using Dapper;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// A sale's store, checked once per statement (migration 0400) instead of by a per-row foreign key, on a real PostgreSQL:
/// the rule is the foreign key's, for every writer. A statement naming a store master data does not know fails whole with
/// the foreign key's SQLSTATE and names the store; a store with sales cannot be deleted or renamed, also when its first
/// sale is being written at that moment.
/// </summary>
public sealed class SaleStoreCheckTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    // Npgsql keeps an error's detail (which names the key) from the exception unless asked to include it.
    private NpgsqlDataSource _detailed = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("salestore");
        _detailed = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { IncludeErrorDetail = true }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _detailed.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_copy_naming_an_unknown_store_fails_whole_and_names_the_store()
    {
        await using var connection = await _detailed.OpenConnectionAsync(Cancel);
        var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) FROM STDIN (FORMAT BINARY)", Cancel);
            foreach (var (store, sequence) in new[] { ("store-sh001", 1L), ("store-nowhere", 2L), ("store-sh001", 3L) })
            {
                await copy.StartRowAsync(Cancel);
                await copy.WriteAsync(store, NpgsqlDbType.Text, Cancel);
                await copy.WriteAsync("C1", NpgsqlDbType.Text, Cancel);
                await copy.WriteAsync(sequence, NpgsqlDbType.Bigint, Cancel);
                await copy.WriteAsync("sale", NpgsqlDbType.Text, Cancel);
                await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, Cancel);
                await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, Cancel);
                await copy.WriteAsync(1.50m, NpgsqlDbType.Numeric, Cancel);
            }

            await copy.CompleteAsync(Cancel);
        });

        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "sale_store_id_fkey"), (refused.SqlState, refused.ConstraintName));
        Assert.Contains("store-nowhere", refused.Detail);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'C1'"));
    }

    [Fact]
    public async Task A_store_with_sales_cannot_be_deleted_or_renamed_and_one_without_can()
    {
        await NewStore("store-sold");
        await NewStore("store-empty");
        await Execute("INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) VALUES ('store-sold', 'T1', 1, 'sale', now(), now(), 2.00)");

        var delete = await Assert.ThrowsAsync<PostgresException>(() => Execute("DELETE FROM store WHERE store_id = 'store-sold'"));
        var rename = await Assert.ThrowsAsync<PostgresException>(() => Execute("UPDATE store SET store_id = 'store-sold-2' WHERE store_id = 'store-sold'"));
        await Execute("UPDATE store SET name = 'Renamed' WHERE store_id = 'store-sold'");
        await Execute("DELETE FROM store WHERE store_id = 'store-empty'");

        Assert.All([delete, rename], e => Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, e.SqlState));
        Assert.Contains("store-sold", delete.Detail);
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM store WHERE store_id = 'store-sold' AND name = 'Renamed'"));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM store WHERE store_id = 'store-empty'"));
    }

    [Fact]
    public async Task A_store_deleted_while_its_first_sale_is_being_written_waits_for_it_and_is_refused()
    {
        await NewStore("store-new");
        await using var writer = await _database.DataSource.OpenConnectionAsync(Cancel);
        await using var writing = await writer.BeginTransactionAsync(Cancel);
        await writer.ExecuteAsync(
            "INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) VALUES ('store-new', 'T1', 1, 'sale', now(), now(), 2.00)",
            transaction: writing);

        var deleting = Execute("DELETE FROM store WHERE store_id = 'store-new'");
        await Eventually.Holds(
            async () => await _database.Count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM store%'") == 1,
            "the delete waits for the sale's transaction",
            TimeSpan.FromSeconds(30),
            Cancel);
        await writing.CommitAsync(Cancel);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => deleting);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM sale s JOIN store st USING (store_id) WHERE s.store_id = 'store-new'"));
    }

    private Task NewStore(string storeId) =>
        Execute(
            """
            INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
            SELECT @storeId, 'New', region_id, latitude, longitude, time_zone, opens, closes FROM store WHERE store_id = 'store-sh001'
            """,
            new { storeId });

    private async Task Execute(string sql, object? parameters = null)
    {
        await using var connection = await _detailed.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: Cancel));
    }
}
