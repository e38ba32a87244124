using Npgsql;
using StoreSales.Data.Demo;

namespace StoreSales.Silo.Hosting;

/// <summary>
/// Writes the demo's year of history (<see cref="DemoHistoryYear"/>) in the background once the silo runs, rather than
/// before it answers: thirteen months of six stores take seconds to tens of seconds on a busy machine, and up.sh gives the
/// silo a minute to be ready. The live weeks (written before start) are what boards pace by; the year is for baselines,
/// decomposition and attribution, which nobody reads in the silo's first minute. Written once (a store holding its year is
/// skipped); a failure is logged and the next start tries again.
/// </summary>
public sealed partial class DemoHistoryYearSeeding(
    NpgsqlDataSource dataSource, DemoChain chain, IReadOnlyList<(string Code, string Name, decimal Price)> items, int weeks, int months, TimeProvider clock, ILogger<DemoHistoryYearSeeding> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = clock.GetTimestamp();
            var added = await new DemoHistoryYear(dataSource).Backfill(chain, items, weeks, months, clock, stoppingToken);
            LogSeeded(added, months, clock.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo history: {Sales} sales of the {Months} months before the live weeks added in {Seconds:0.0} s")]
    private partial void LogSeeded(long sales, int months, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo history: the year before the live weeks could not be written; the next start tries again")]
    private partial void LogFailed(Exception exception);
}
