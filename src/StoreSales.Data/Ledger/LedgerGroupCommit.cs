using Npgsql;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// Writes one group of batches in one transaction on the writer's own connection. A group none of whose sales the
/// ledger holds yet (every group, but for an agent's retry of a batch whose ack it lost) is copied straight into the
/// ledger's tables by binary COPY, PostgreSQL's fastest way in, with the group's lines summed per store, local hour and
/// item (<see cref="LedgerGroupPlan"/>) inserted into a pending table of the hourly rollup, which
/// <see cref="SaleItemHourFold"/> adds into <c>sale_item_hour</c> (migration 0520).
/// When the ledger turns out to hold one of its sales already (the primary key refuses the COPY), the group is written
/// the careful way instead: COPY into session-local staging tables, then one set-based statement that keeps the first
/// copy of each (store, terminal, sequence), inserts the sales the ledger does not hold with their lines, and adds
/// those lines' sums to the same pending table. Each sale carries its content hash (<see cref="SaleContentHash"/>): a request sending a
/// recorded key with other content is a conflict and writes nothing (a group whose own requests disagree goes the staged
/// way at once).
/// </summary>
internal sealed class LedgerGroupCommit(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    // ON COMMIT DELETE ROWS: empty after every group, and never WAL-logged; created once per connection. work_mem: a
    // group's sorts (dedup, rollup) stay in memory; with the 4 MB default the rollup's sort of a 1,000-sale group
    // spilled to disk (EXPLAIN ANALYZE, docs/benchmarks.md). The codes compare byte by byte, as in the ledger's own
    // tables (migration 0210): the dedup and rollup sorts order by them.
    private const string CreateStaging = """
        SET work_mem = '64MB';
        CREATE TEMP TABLE IF NOT EXISTS incoming_sale (
            request int NOT NULL, store_id text COLLATE "C" NOT NULL, terminal_id text COLLATE "C" NOT NULL, sequence bigint NOT NULL,
            kind text NOT NULL, receipt_number text, rung_up_at timestamptz NOT NULL, captured_at timestamptz NOT NULL,
            cashier_id text, member_id text, rep_id text, total numeric(16, 2) NOT NULL, original_sequence bigint,
            tenders jsonb NOT NULL, content_hash bytea NOT NULL
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS incoming_line (
            request int NOT NULL, store_id text COLLATE "C" NOT NULL, terminal_id text COLLATE "C" NOT NULL, sequence bigint NOT NULL,
            line_number int NOT NULL, item_code text COLLATE "C" NOT NULL, quantity numeric(14, 3) NOT NULL,
            unit_price numeric(14, 2) NOT NULL, discount numeric(14, 2) NOT NULL, amount numeric(16, 2) NOT NULL
        ) ON COMMIT DELETE ROWS;
        """;

    private const string CopyLedgerSales = """
        COPY sale (store_id, terminal_id, sequence, kind, receipt_number, rung_up_at, captured_at,
                   cashier_id, member_id, rep_id, total, original_sequence, tenders, content_hash) FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyLedgerLines = """
        COPY sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount)
        FROM STDIN (FORMAT BINARY)
        """;

    // The copied sales' lines, summed per store, UTC quarter hour and item, as rows of the stores' local hours
    // (PostgreSQL's time zones, as the staged statement and every reader of the rollup use) in the pending table of the
    // writers' period: plain inserts, which the fold (SaleItemHourFold) adds into sale_item_hour a few seconds later.
    // Units and amounts come as whole thousandths and cents (exact at the ledger's scales): encoding a bigint is a
    // fraction of encoding a numeric, and there are thousands.
    private static string PendingRollupSql(string table) => $"""
        INSERT INTO {table} (store_id, local_hour, item_code, units, amount, lines)
        SELECT q.store_id, date_trunc('hour', q.quarter_at AT TIME ZONE st.time_zone), q.item_code,
               q.milli_units * 0.001, q.cents * 0.01, q.lines
        FROM unnest(@stores::text[], @quarters::timestamptz[], @items::text[], @milliUnits::bigint[], @cents::bigint[], @lines::int[])
             AS q(store_id, quarter_at, item_code, milli_units, cents, lines)
        JOIN store st ON st.store_id = q.store_id
        """;

    private static readonly string[] PendingRollups = [.. SaleItemHourPending.Tables.Select(PendingRollupSql)];

    private static readonly string[] StagedInserts = [.. SaleItemHourPending.Tables.Select(StagedInsertSql)];

    private const string CopySales = """
        COPY incoming_sale (request, store_id, terminal_id, sequence, kind, receipt_number, rung_up_at, captured_at,
                            cashier_id, member_id, rep_id, total, original_sequence, tenders, content_hash) FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyLines = """
        COPY incoming_line (request, store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount)
        FROM STDIN (FORMAT BINARY)
        """;

    // A request carrying a key that the ledger, or an earlier request of the group, holds with other content is in
    // conflict and writes nothing at all (its agent sends the sales again one by one, and sets aside only the conflicting
    // ones); a ledger row without a hash (recorded before 0470) cannot conflict. Of the rest, the first request of the
    // group that carries a sale is the one that records it (a retry racing its original in the same group is the
    // duplicate), and only that request's lines are taken. The store-local hour is worked out
    // once per sale, not per line (a LEFT JOIN: a sale of an unknown store still reaches the INSERT and fails there on
    // its foreign key, with the reason). The lines' sums go to the pending table of the writers' period, as the copied
    // way's do: only the fold and the history import write the rollups themselves.
    private static string StagedInsertSql(string pendingTable) => $"""
        WITH conflict AS (
            SELECT s.request, s.terminal_id, s.sequence
            FROM incoming_sale s
            WHERE EXISTS (SELECT 1 FROM sale l
                          WHERE l.store_id = s.store_id AND l.terminal_id = s.terminal_id AND l.sequence = s.sequence
                            AND l.content_hash <> s.content_hash)
               OR EXISTS (SELECT 1 FROM incoming_sale e
                          WHERE e.store_id = s.store_id AND e.terminal_id = s.terminal_id AND e.sequence = s.sequence
                            AND e.request < s.request AND e.content_hash <> s.content_hash)
        ), winner AS (
            SELECT DISTINCT ON (s.store_id, s.terminal_id, s.sequence) s.*,
                   date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone) AS local_hour
            FROM incoming_sale s LEFT JOIN store st ON st.store_id = s.store_id
            WHERE s.request NOT IN (SELECT request FROM conflict)
            ORDER BY s.store_id, s.terminal_id, s.sequence, s.request
        ), inserted AS (
            INSERT INTO sale (store_id, terminal_id, sequence, kind, receipt_number, rung_up_at, captured_at,
                              cashier_id, member_id, rep_id, total, original_sequence, tenders, content_hash)
            SELECT store_id, terminal_id, sequence, kind, receipt_number, rung_up_at, captured_at,
                   cashier_id, member_id, rep_id, total, original_sequence, tenders, content_hash
            FROM winner
            ON CONFLICT (store_id, terminal_id, sequence) DO NOTHING
            RETURNING store_id, terminal_id, sequence
        ), new_line AS (
            SELECT l.store_id, l.terminal_id, l.sequence, l.line_number, l.item_code, l.quantity, l.unit_price,
                   l.discount, l.amount, w.local_hour
            FROM inserted i
            JOIN winner w USING (store_id, terminal_id, sequence)
            JOIN incoming_line l ON l.store_id = i.store_id AND l.terminal_id = i.terminal_id
                                AND l.sequence = i.sequence AND l.request = w.request
        ), lines AS (
            INSERT INTO sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount)
            SELECT store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount
            FROM new_line
        ), rollup AS (
            INSERT INTO {pendingTable} (store_id, local_hour, item_code, units, amount, lines)
            SELECT store_id, local_hour, item_code, sum(quantity), sum(amount), count(*)::int
            FROM new_line
            WHERE local_hour IS NOT NULL -- an unknown store: the sale's foreign key says so at the end of the statement
            GROUP BY 1, 2, 3
        )
        SELECT w.request, i.terminal_id, i.sequence, false AS conflict
        FROM inserted i JOIN winner w USING (store_id, terminal_id, sequence)
        UNION ALL
        SELECT request, terminal_id, sequence, true FROM conflict
        """;

    private NpgsqlConnection? _connection;

    // This writer's dictionaries for working out a group's plan, reused group after group.
    private readonly LedgerGroupPlan.Scratch _planScratch = new();

    /// <summary>
    /// Writes the group, its rollup sums into the pending table of <paramref name="rollupSlot"/>; for each request (same
    /// order), the keys of its sales that were new. Committed on return.
    /// </summary>
    public async Task<LedgerGroupWritten> Write(IReadOnlyList<PendingAppend> group, int rollupSlot, CancellationToken cancellationToken)
    {
        var connection = await Connection(cancellationToken);
        try
        {
            var plan = LedgerGroupPlan.Of(group, _planScratch);
            return !plan.Conflicting && await TryCopyIntoLedger(connection, plan, rollupSlot, cancellationToken)
                ? new LedgerGroupWritten(plan.Kept, NoConflicts(group.Count), LedgerGroupWritten.Copied)
                : await WriteStaged(connection, group, rollupSlot, cancellationToken);
        }
        catch
        {
            // The connection's state is unknown after a failure (broken socket, aborted COPY): start from a fresh one.
            await DropConnection();
            throw;
        }
    }

    /// <summary>
    /// Copies the plan's sales and lines into the ledger and its rollup sums into a pending table; false, with nothing written, when
    /// PostgreSQL refuses a row (a sale already in the ledger, or a store it does not know): the staged statement then
    /// sorts out which sales are new, or fails with the reason.
    /// </summary>
    private static async Task<bool> TryCopyIntoLedger(NpgsqlConnection connection, LedgerGroupPlan plan, int rollupSlot, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var sales = await BinaryCopy.Begin(connection, CopyLedgerSales, cancellationToken))
            {
                foreach (var (storeId, sale, hash) in plan.Sales)
                {
                    LedgerCopyRows.Sale(sales, storeId, sale, hash);
                    await sales.RowDone(cancellationToken);
                }

                await sales.CompleteAsync(cancellationToken);
            }

            await using (var lines = await BinaryCopy.Begin(connection, CopyLedgerLines, cancellationToken))
            {
                foreach (var (storeId, sale, _) in plan.Sales)
                {
                    foreach (var line in sale.Lines)
                    {
                        LedgerCopyRows.Line(lines, storeId, sale, line);
                        await lines.RowDone(cancellationToken);
                    }
                }

                await lines.CompleteAsync(cancellationToken);
            }

            var quarters = plan.Quarters;
            await using (var rollup = new NpgsqlCommand(PendingRollups[rollupSlot], connection, transaction))
            {
                rollup.Parameters.AddWithValue("stores", quarters.Select(q => q.StoreId).ToArray());
                rollup.Parameters.AddWithValue("quarters", quarters.Select(q => q.QuarterAt).ToArray());
                rollup.Parameters.AddWithValue("items", quarters.Select(q => q.ItemCode).ToArray());
                rollup.Parameters.AddWithValue("milliUnits", quarters.Select(q => (long)(q.Units * 1000)).ToArray());
                rollup.Parameters.AddWithValue("cents", quarters.Select(q => (long)(q.Amount * 100)).ToArray());
                rollup.Parameters.AddWithValue("lines", quarters.Select(q => q.Lines).ToArray());
                await rollup.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<LedgerGroupWritten> WriteStaged(NpgsqlConnection connection, IReadOnlyList<PendingAppend> group, int rollupSlot, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CopyIn(connection, group, cancellationToken);

        var inserted = new List<SaleKey>[group.Count];
        var conflicts = new List<SaleKey>[group.Count];
        for (var i = 0; i < inserted.Length; i++)
        {
            inserted[i] = [];
            conflicts[i] = [];
        }

        await using (var command = new NpgsqlCommand(StagedInserts[rollupSlot], connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                (reader.GetBoolean(3) ? conflicts : inserted)[reader.GetInt32(0)].Add(new SaleKey(reader.GetString(1), reader.GetInt64(2)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new LedgerGroupWritten(inserted, conflicts, LedgerGroupWritten.Staged);
    }

    private static IReadOnlyList<SaleKey>[] NoConflicts(int requests)
    {
        var none = new IReadOnlyList<SaleKey>[requests];
        Array.Fill(none, []);
        return none;
    }

    private static async Task CopyIn(NpgsqlConnection connection, IReadOnlyList<PendingAppend> group, CancellationToken cancellationToken)
    {
        await using (var sales = await BinaryCopy.Begin(connection, CopySales, cancellationToken))
        {
            for (var request = 0; request < group.Count; request++)
            {
                var storeId = group[request].StoreId;
                var batch = group[request];
                for (var index = 0; index < batch.Sales.Count; index++)
                {
                    LedgerCopyRows.Sale(sales, storeId, batch.Sales[index], batch.Hashes[index], request);
                    await sales.RowDone(cancellationToken);
                }
            }

            await sales.CompleteAsync(cancellationToken);
        }

        await using var lines = await BinaryCopy.Begin(connection, CopyLines, cancellationToken);
        for (var request = 0; request < group.Count; request++)
        {
            var storeId = group[request].StoreId;
            foreach (var sale in group[request].Sales)
            {
                foreach (var line in sale.Lines)
                {
                    LedgerCopyRows.Line(lines, storeId, sale, line, request);
                    await lines.RowDone(cancellationToken);
                }
            }
        }

        await lines.CompleteAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> Connection(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        await DropConnection();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var create = new NpgsqlCommand(CreateStaging, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private async Task DropConnection()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync() => await DropConnection();
}

/// <summary>
/// What a group commit wrote: per request, the keys of its sales that were new, and the keys it sent with content other
/// than the ledger's (a request with any writes nothing); and how (for the metrics).
/// </summary>
internal sealed record LedgerGroupWritten(IReadOnlyList<SaleKey>[] Inserted, IReadOnlyList<SaleKey>[] Conflicts, string Path)
{
    /// <summary>Copied straight into the ledger: none of the group's sales was there.</summary>
    public const string Copied = "copied";

    /// <summary>Through the staging tables: the ledger held one of the group's sales already (or refused one).</summary>
    public const string Staged = "staged";
}
