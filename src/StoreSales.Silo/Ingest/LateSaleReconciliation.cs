using StoreSales.Contracts.Ingest;
using StoreSales.Data.DayEnd;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Sales that arrive after the Z that covers them (missing when the Z came: held up, or refused and requeued once
/// fixed) reconcile their terminal's day again; when it is now equal, its open <c>reconciliation</c> alert closes itself
/// with an outcome naming them (<see cref="ReconciliationAlerts.ResolveIfSettled"/>). Off the ack, like the rep and
/// member feeds: a batch never waits for it, and a failure is logged (the alert then stays open for a person).
/// </summary>
public sealed partial class LateSaleReconciliation(ZReports zReports, DayEndReconciler reconciler, ReconciliationAlerts alerts, ILogger<LateSaleReconciliation> logger)
{
    private int _inFlight;

    /// <summary>Batches handed over whose check has not finished yet (what tests wait for).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Starts checking the newly recorded <paramref name="inserted"/> sales and returns at once.</summary>
    public void Hear(string storeId, IReadOnlyList<SaleKey> inserted)
    {
        if (inserted.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                await Settle(storeId, inserted, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogFailed(exception, storeId, inserted.Count);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    private async Task Settle(string storeId, IReadOnlyList<SaleKey> inserted, CancellationToken cancellationToken)
    {
        foreach (var (terminalId, businessDay, sequences) in await zReports.Covering(storeId, inserted, cancellationToken))
        {
            var day = (await reconciler.Reconcile(storeId, businessDay, cancellationToken)).Terminals.Single(t => t.TerminalId == terminalId);
            var resolved = await alerts.ResolveIfSettled(storeId, day, sequences);
            LogLate(storeId, terminalId, businessDay, sequences.Length, day.Verdict.ToString().ToLowerInvariant(), resolved);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: {Count} sales arrived after the Z of {BusinessDay}; the day is now {Verdict} (its alert resolved: {Resolved})")]
    private partial void LogLate(string storeId, string terminalId, DateOnly businessDay, int count, string verdict, bool resolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: could not reconcile again the days {Count} late sales belong to; their reconciliation alerts stay open")]
    private partial void LogFailed(Exception exception, string storeId, int count);
}
