using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Upload;

/// <summary>
/// The tills' Z reports as their own <see cref="UploadLoop{TItem}"/> sends them to
/// <c>POST {server}/api/stores/{StoreId}/z-reports</c>, one per request, each once every sale before it on its terminal
/// has left the outbox (<see cref="DayEndReports.PeekReady"/>): the loop is woken when a Z is stored and when sales
/// leave. Through the same <see cref="IngestClient"/> (servers, failover, circuit, attempt timeout) and the same one
/// retry layer as sales. 200 removes the Z; 400, 409 or 422 keeps it as refused, with the server's reason (the server
/// is idempotent by terminal and business day: a different Z for a day it has is 409), and so does 413 (a Z larger than
/// the server's <c>Limits:MaxIngestBodyBytes</c> will never go); 401/403, a busy 429 and anything else keep it pending
/// and back off.
/// </summary>
public sealed partial class ZReportUploads(
    SqliteOutbox outbox,
    IngestClient client,
    IOptions<AgentOptions> agent,
    ILogger<ZReportUploads> logger) : IUploadQueue<PendingZReport>
{
    private readonly string _storeId = agent.Value.StoreId;

    /// <summary>The endpoint takes one Z at a time.</summary>
    public int BatchSize => 1;

    public void Started()
    {
        // The sales' loop logs where uploads go; Z reports go to the same servers.
    }

    public IReadOnlyList<PendingZReport> Peek(int count) => outbox.DayEnd.PeekReady(count);

    public Task WaitForWorkAsync(TimeSpan atMost, CancellationToken cancellationToken) => outbox.DayEnd.WaitAsync(atMost, cancellationToken);

    public Task<UploadOutcome> SendAsync(IReadOnlyList<PendingZReport> items, CancellationToken cancellationToken) =>
        client.SendAsync(items.Single().Report, cancellationToken);

    public bool Settle(IReadOnlyList<PendingZReport> items, UploadOutcome acked)
    {
        var pending = items.Single();
        outbox.DayEnd.Acked(pending.Id);
        LogSent(logger, _storeId, pending.Report.TerminalId, pending.Report.BusinessDay, acked.ZReport?.Verdict);
        return true;
    }

    public void Reject(PendingZReport pending, string reason)
    {
        outbox.DayEnd.Refuse(pending.Id, reason.Length <= 2000 ? reason : reason[..2000]);
        LogRefused(logger, _storeId, pending.Report.TerminalId, pending.Report.BusinessDay, reason);
    }

    public void Isolating(int count, string detail)
    {
        // Never: one Z per request.
    }

    public void Halving(int count, int size, string detail)
    {
        // Never: one Z per request, so a 413 sets that Z aside (Reject) with the server's reason.
    }

    public void Failed(Polly.Outcome<UploadPass> failed, TimeSpan wait) =>
        LogFailed(logger, failed.Exception, _storeId, failed.Exception?.Message ?? failed.Result.Outcome?.Detail ?? "no detail", outbox.DayEnd.PendingCount, wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: Z report for {BusinessDay} sent; the server reconciles the day as {Verdict}")]
    private static partial void LogSent(ILogger logger, string storeId, string terminalId, DateOnly businessDay, string? verdict);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId}: the server refused the Z report for {BusinessDay}: {Reason}; kept in the outbox's z_reports table")]
    private static partial void LogRefused(ILogger logger, string storeId, string terminalId, DateOnly businessDay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: Z report upload failed ({Detail}); {Pending} Z reports kept in the outbox, next try in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string storeId, string detail, long pending, TimeSpan delay);
}
