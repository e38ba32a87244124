using Microsoft.Extensions.Options;
using StoreSales.Data.History;

namespace StoreSales.CommandCenter.History;

/// <summary>
/// Writes history import jobs into the ledger in the background (docs/domain.md "History import"): chunk after chunk while
/// any job is unfinished, then waits for an upload or <see cref="HistoryImportOptions.PollInterval"/>. Each chunk is one
/// transaction with the job's progress, so a command center stopped or killed mid-job leaves the job where its last chunk
/// committed, and this worker (here or in another command center) resumes it from there. A failing chunk is logged and
/// tried again after the interval; it never stops the host. After each chunk commits, the live store grains whose current
/// month got sales read it again (<see cref="HistoryImportCatchUp"/>).
/// </summary>
public sealed partial class HistoryImportWorker(
    HistoryImportRunner runner, HistoryImportCatchUp catchUp, HistoryImportSignal signal, HistoryImportMetrics metrics, IOptions<HistoryImportOptions> options, TimeProvider clock, ILogger<HistoryImportWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Several chunks in flight, each its own transaction on its own connection (ChunksInFlight).
                await Task.WhenAll(Enumerable.Range(0, options.Value.ChunksInFlight).Select(_ => WorkWhileThereIsWork(stoppingToken)));
                await signal.WaitForWork(options.Value.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the chunk under way rolls back and is written again on the next start.
        }
    }

    private async Task WorkWhileThereIsWork(CancellationToken stoppingToken)
    {
        try
        {
            while (await runner.RunNextChunk(stoppingToken) is { } chunk)
            {
                metrics.Written(chunk);
                await TellStores(chunk);
                if (chunk.JobDone)
                {
                    LogJobDone(chunk.JobId);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    private async Task TellStores(HistoryImportChunkWritten chunk)
    {
        try
        {
            await catchUp.Tell(chunk);
        }
        catch (Exception e)
        {
            // The chunk is committed: a store not told now shows the imported days at its next activation; the import goes on.
            LogCatchUpFailed(e, chunk.JobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "History import {JobId}: a store could not be told to read its month again")]
    private partial void LogCatchUpFailed(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "History import {JobId} is done")]
    private partial void LogJobDone(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A history import chunk failed; it is tried again after the poll interval")]
    private partial void LogFailed(Exception exception);
}
