using Microsoft.Extensions.Options;
using StoreSales.Data.Ledger;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Folds the hourly rollup's pending table that the group commits left behind, once every
/// <see cref="LedgerWriterOptions.RollupFoldSeconds"/>, in the middle of each period (<see cref="SaleItemHourPending"/>).
/// Every silo runs one; whichever gets the table's lock folds it, the others find it empty. A fold that fails or is put
/// off loses nothing: the rows stay pending, the readers count them, and the next turn folds them.
/// </summary>
public sealed partial class RollupFoldSchedule(
    SaleItemHourFold fold,
    IOptions<LedgerWriterOptions> options,
    TimeProvider time,
    ILogger<RollupFoldSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.RollupFoldSeconds;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(SaleItemHourPending.UntilNextFold(time.GetUtcNow(), seconds), time, stoppingToken);
                try
                {
                    await fold.Fold(SaleItemHourPending.FoldedAt(time.GetUtcNow(), seconds), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFoldFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is pending stays counted and is folded by the next silo's turn.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollup fold failed; its rows stay pending (still counted by every reader) until the next turn")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception);
}
