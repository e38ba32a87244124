namespace StoreSales.Silo.Hosting;

/// <summary>
/// Starts each <see cref="ScheduledJob"/> once the silo runs (registered after Orleans, so it starts after it). The
/// reminders are persisted: this only makes sure a new cluster has them, and runs what was missed while the cluster was
/// down without waiting for the first tick. Idempotent: every silo asks, each job's one grain registers its reminder
/// once. A job whose start fails is logged and tried again; it never stops the host or another job.
/// </summary>
public sealed partial class ScheduledJobStart(IEnumerable<ScheduledJob> jobs, IServiceProvider services, IGrainFactory grains, ILogger<ScheduledJobStart> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => Start(job, stoppingToken)));

    private async Task Start(ScheduledJob job, CancellationToken stoppingToken)
    {
        if (!job.Enabled(services))
        {
            LogDisabled(job.Name, job.EnabledSetting ?? "");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await job.Start(grains).WaitAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception, job.Name);
            }

            try
            {
                await Task.Delay(RetryAfter, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Job} is disabled on this silo ({Setting} = false)")]
    private partial void LogDisabled(string job, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Job}'s reminder could not be started; trying again shortly")]
    private partial void LogFailed(Exception exception, string job);
}
