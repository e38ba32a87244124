namespace StoreSales.Edge.Outbox;

/// <summary>
/// The agent's durable outbox: one SQLite file (<see cref="OutboxDatabase"/>, schema versioned and upgraded in
/// place) and its parts: the sales waiting for upload (<see cref="Queue"/>), the sales the server refused
/// (<see cref="Rejected"/>), each terminal's sale in progress (<see cref="Journal"/>) and the receipts capture could
/// not read (<see cref="Unparsed"/>) and the scans waiting for upload (<see cref="Scans"/>).
/// </summary>
public sealed class SqliteOutbox : IDisposable
{
    /// <summary>Opens (creating or upgrading if needed) the outbox database at <paramref name="path"/>.</summary>
    public SqliteOutbox(string path, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        Database = new OutboxDatabase(path);
        Queue = new SaleQueue(Database, time);
        Rejected = new RejectedSales(Database, Queue, time);
        Journal = new OpenSaleJournal(Database);
        Unparsed = new UnparsedReceipts(Database);
        Scans = new ScanQueue(Database, time, Queue.Epoch);
        DayEnd = new DayEndReports(Database);
    }

    public OutboxDatabase Database { get; }

    public SaleQueue Queue { get; }

    public RejectedSales Rejected { get; }

    public OpenSaleJournal Journal { get; }

    public UnparsedReceipts Unparsed { get; }

    public ScanQueue Scans { get; }

    /// <summary>The tills' day-end reports (Z) waiting for upload.</summary>
    public DayEndReports DayEnd { get; }

    /// <summary>Full path of the database file.</summary>
    public string Path => Database.Path;

    public void Dispose()
    {
        Database.Dispose();
        Queue.Dispose();
        Scans.Dispose();
        DayEnd.Dispose();
    }
}
