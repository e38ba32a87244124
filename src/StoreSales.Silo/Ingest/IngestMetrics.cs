using System.Diagnostics.Metrics;

namespace StoreSales.Silo.Ingest;

/// <summary>Counters of what the ingest API accepted, saw again, and refused (with the reason as a tag), and of agent heartbeats.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "StoreSales.Ingest";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _ackLatency;
    private readonly Counter<long> _countDeferred;
    private readonly Counter<long> _repCountFailed;
    private readonly UpDownCounter<long> _repBatchesInFlight;
    private readonly Counter<long> _memberSalesUnknown;
    private readonly Counter<long> _memberCountFailed;
    private readonly UpDownCounter<long> _memberBatchesInFlight;
    private readonly Counter<long> _lateSaleChecksNotDone;
    private readonly Counter<long> _heartbeats;
    private readonly Counter<long> _scansAccepted;
    private readonly Counter<long> _scansDuplicate;
    private readonly Counter<long> _scanBatchesRejected;
    private readonly Counter<long> _scansNotCounted;
    private readonly Counter<long> _heartbeatsRejected;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("storesales.ingest.sales.accepted", description: "Sales newly recorded in the ledger");
        _duplicates = meter.CreateCounter<long>("storesales.ingest.sales.duplicate", description: "Sales sent again after they were recorded (retries, overlaps)");
        _rejected = meter.CreateCounter<long>("storesales.ingest.batches.rejected", description: "Batches refused, by reason");
        _ackLatency = meter.CreateHistogram<double>("storesales.ingest.batch.duration", unit: "ms", description: "Time from request to durable ack");
        _countDeferred = meter.CreateCounter<long>("storesales.ingest.batches.count_deferred", description: "Durable batches acked before the store grain counted them (slow or failed grain), by reason");
        _repCountFailed = meter.CreateCounter<long>("storesales.ingest.rep_counts.failed", description: "Durable sales' rep grain calls that failed (the rep is told to count its month from the ledger), catch-ups that failed too, and batches crediting an unusable rep id, by reason");
        _repBatchesInFlight = meter.CreateUpDownCounter<long>("storesales.ingest.rep_batches.in_flight", description: "Acked batches whose reps have not all heard of their sales yet");
        _memberSalesUnknown = meter.CreateCounter<long>("storesales.ingest.member_sales.unknown_member", description: "Durable sales whose member code no customer holds (kept in the ledger; counted once a customer has the code)");
        _memberCountFailed = meter.CreateCounter<long>("storesales.ingest.member_counts.failed", description: "Durable member sales whose customer could not be told (the customer re-reads the ledger), by reason");
        _memberBatchesInFlight = meter.CreateUpDownCounter<long>("storesales.ingest.member_batches.in_flight", description: "Acked batches whose customers have not all heard of their purchases yet");
        _scansAccepted = meter.CreateCounter<long>("storesales.ingest.scans.accepted", description: "Scans newly recorded in the scan ledger");
        _scansDuplicate = meter.CreateCounter<long>("storesales.ingest.scans.duplicate", description: "Scans sent again after they were recorded (retries, overlaps)");
        _scanBatchesRejected = meter.CreateCounter<long>("storesales.ingest.scan_batches.rejected", description: "Scan batches refused, by reason");
        _scansNotCounted = meter.CreateCounter<long>("storesales.ingest.scan_batches.not_counted", description: "Durable scan batches the store grain failed to take into its hot items");
        _lateSaleChecksNotDone = meter.CreateCounter<long>("storesales.ingest.late_sale_checks.not_done", description: "Acked batches not checked against a Z that covers them (queue full, or the check failed), by reason: an alert they would close stays open");
        _heartbeats = meter.CreateCounter<long>("storesales.agent.heartbeats", description: "Edge agent heartbeats received");
        _heartbeatsRejected = meter.CreateCounter<long>("storesales.agent.heartbeats.rejected", description: "Edge agent heartbeats refused, by reason");
    }

    public void Accepted(string storeId, int count) => _accepted.Add(count, new KeyValuePair<string, object?>("store", storeId));

    public void Duplicates(string storeId, int count) => _duplicates.Add(count, new KeyValuePair<string, object?>("store", storeId));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Acked(double milliseconds, Data.Ledger.IngestLane lane) =>
        _ackLatency.Record(milliseconds, new KeyValuePair<string, object?>("lane", lane == Data.Ledger.IngestLane.Live ? "live" : "catch-up"));

    public void CountDeferred(string storeId, string reason) =>
        _countDeferred.Add(1, new KeyValuePair<string, object?>("store", storeId), new KeyValuePair<string, object?>("reason", reason));

    public void RepCountFailed(string storeId, string reason) =>
        _repCountFailed.Add(1, new KeyValuePair<string, object?>("store", storeId), new KeyValuePair<string, object?>("reason", reason));

    public void RepBatchesInFlight(int change) => _repBatchesInFlight.Add(change);

    public void MemberSalesUnknown(string storeId, int count) => _memberSalesUnknown.Add(count, new KeyValuePair<string, object?>("store", storeId));

    public void MemberCountFailed(string storeId, string reason) =>
        _memberCountFailed.Add(1, new KeyValuePair<string, object?>("store", storeId), new KeyValuePair<string, object?>("reason", reason));

    public void MemberBatchesInFlight(int change) => _memberBatchesInFlight.Add(change);

    public void ScansAccepted(string storeId, int accepted, int duplicates)
    {
        var store = new KeyValuePair<string, object?>("store", storeId);
        _scansAccepted.Add(accepted, store);
        _scansDuplicate.Add(duplicates, store);
    }

    public void ScansRejected(string reason) => _scanBatchesRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ScansNotCounted(string storeId) => _scansNotCounted.Add(1, new KeyValuePair<string, object?>("store", storeId));

    public void LateSaleCheckNotDone(string storeId, string reason) =>
        _lateSaleChecksNotDone.Add(1, new KeyValuePair<string, object?>("store", storeId), new KeyValuePair<string, object?>("reason", reason));

    public void Heartbeat(string storeId) => _heartbeats.Add(1, new KeyValuePair<string, object?>("store", storeId));

    public void HeartbeatRejected(string reason) => _heartbeatsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
