using Microsoft.Extensions.Options;
using StoreSales.Data.Customers.Import;

namespace StoreSales.CommandCenter.Customers;

/// <summary>
/// Works the customer import jobs in the background (docs/domain.md "Customer import"): chunk after chunk while any job
/// is unfinished, then waits for an upload or <see cref="CustomerImportOptions.PollInterval"/>. Each chunk is its own
/// transaction with the job's progress, so a command center stopped or killed mid-job leaves the job where its last
/// chunk committed, and this worker (here or in another command center) resumes it from there. A failing chunk is
/// logged and tried again after the interval; it never stops the host.
/// </summary>
public sealed partial class CustomerImportWorker(
    CustomerImportRunner runner, CustomerImportSignal signal, CustomerImportMetrics metrics, IOptions<CustomerImportOptions> options, TimeProvider clock, ILogger<CustomerImportWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WorkWhileThereIsWork(stoppingToken);
                await signal.WaitForWork(options.Value.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the chunk under way rolls back and is worked again on the next start.
        }
    }

    private async Task WorkWhileThereIsWork(CancellationToken stoppingToken)
    {
        try
        {
            while (await runner.RunNextChunk(stoppingToken) is { } chunk)
            {
                metrics.Count(chunk);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer import {JobId} is done")]
    private partial void LogJobDone(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A customer import chunk failed; it is tried again after the poll interval")]
    private partial void LogFailed(Exception exception);
}
