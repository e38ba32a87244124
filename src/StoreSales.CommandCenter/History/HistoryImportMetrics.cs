using System.Diagnostics.Metrics;
using StoreSales.Data.History;

namespace StoreSales.CommandCenter.History;

/// <summary>
/// The history import's requests (accepted, or refused with a reason) and the rows and sales its chunks wrote
/// (<c>storesales.history.import.sales{outcome=added|held}</c>): nothing is decided uncounted.
/// </summary>
public sealed class HistoryImportMetrics
{
    public const string MeterName = "StoreSales.History";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _sales;

    public HistoryImportMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("storesales.history.import.requests", description: "History import requests, by operation, outcome (accepted, rejected) and reason");
        _rows = meter.CreateCounter<long>("storesales.history.import.rows", description: "Rows of history files, by outcome (queued at upload, bad at upload, written by a chunk)");
        _sales = meter.CreateCounter<long>("storesales.history.import.sales", description: "Sales written by history import chunks, by outcome (added, or held by the ledger already)");
    }

    public void Accepted(string operation) =>
        _requests.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", "accepted"), new KeyValuePair<string, object?>("reason", ""));

    public void Rejected(string operation, string reason) =>
        _requests.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", "rejected"), new KeyValuePair<string, object?>("reason", reason));

    public void Uploaded(HistoryImportQueued queued)
    {
        _rows.Add(queued.TotalRows - queued.BadRows, new KeyValuePair<string, object?>("outcome", "queued"));
        _rows.Add(queued.BadRows, new KeyValuePair<string, object?>("outcome", "bad"));
    }

    public void Written(HistoryImportChunkWritten chunk)
    {
        _rows.Add(chunk.Rows, new KeyValuePair<string, object?>("outcome", "written"));
        _sales.Add(chunk.SalesAdded, new KeyValuePair<string, object?>("outcome", "added"));
        _sales.Add(chunk.SalesHeld, new KeyValuePair<string, object?>("outcome", "held"));
    }
}
