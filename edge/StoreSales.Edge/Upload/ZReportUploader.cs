using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Upload;

/// <summary>
/// Sends the tills' Z reports to <c>POST {server}/api/stores/{StoreId}/z-reports</c> (the server sales currently go to), each once every sale before it on
/// its terminal has left the outbox (<see cref="DayEndReports.PeekReady"/>). A Z is a few a day per terminal, so one pass
/// every <see cref="AgentOptions.UploadIdleDelay"/> is soon enough; a pass that fails leaves the Z for the next pass
/// (the server is idempotent by terminal and business day). 200 removes it; 400 or 409 keeps it as refused, with the
/// server's reason; 401/403 and anything else keep it pending.
/// </summary>
public sealed partial class ZReportUploader(
    SqliteOutbox outbox,
    IHttpClientFactory httpClients,
    IOptions<AgentOptions> agent,
    StoreKeySource storeKey,
    IOptions<UploadOptions> upload,
    ServerFailover servers,
    ILogger<ZReportUploader> logger,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
                await Task.Delay(agent.Value.UploadIdleDelay, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends every ready Z once. Returns how many the server took.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        var options = agent.Value;
        // The server the sales go to now (Agent:ServerUrls fail over there); a Z waits for its sales anyway.
        var uri = new Uri(servers.Current, $"api/stores/{Uri.EscapeDataString(options.StoreId)}/z-reports");
        foreach (var pending in outbox.DayEnd.PeekReady())
        {
            var z = pending.Report;
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(upload.Value.AttemptTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(z, options: EdgeJson.Options) };
                request.Headers.Add(IngestClient.StoreKeyHeader, storeKey.Current);
                using var response = await httpClients.CreateClient(IngestClient.HttpClientName).SendAsync(request, attempt.Token);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        outbox.DayEnd.Acked(pending.Id);
                        sent++;
                        var ack = await response.Content.ReadFromJsonAsync<ZReportAck>(EdgeJson.Options, cancellationToken);
                        LogSent(logger, options.StoreId, z.TerminalId, z.BusinessDay, ack?.Verdict);
                        break;
                    case HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity:
                        var reason = await response.Content.ReadAsStringAsync(cancellationToken);
                        outbox.DayEnd.Refuse(pending.Id, reason.Length <= 2000 ? reason : reason[..2000]);
                        LogRefused(logger, options.StoreId, z.TerminalId, z.BusinessDay, (int)response.StatusCode, reason);
                        break;
                    default:
                        LogFailed(logger, options.StoreId, z.TerminalId, z.BusinessDay, $"HTTP {(int)response.StatusCode}");
                        return sent;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, options.StoreId, z.TerminalId, z.BusinessDay, ex.Message);
                return sent;
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: Z report for {BusinessDay} sent; the server reconciles the day as {Verdict}")]
    private static partial void LogSent(ILogger logger, string storeId, string terminalId, DateOnly businessDay, string? verdict);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId}: the server refused the Z report for {BusinessDay} (HTTP {Status}): {Reason}; kept in the outbox's z_reports table")]
    private static partial void LogRefused(ILogger logger, string storeId, string terminalId, DateOnly businessDay, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: Z report for {BusinessDay} not sent ({Detail}); tried again on the next pass")]
    private static partial void LogFailed(ILogger logger, string storeId, string terminalId, DateOnly businessDay, string detail);
}
