using System.Globalization;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Sales.DayEnd;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Raises the <c>reconciliation</c> intervention for the store manager when a terminal's day does not reconcile to the
/// cent. One alert per store, terminal and business day: its grain key carries all three, and an open alert is not
/// raised twice. It closes itself when the sales it missed arrive and the day becomes equal (<see cref="ResolveIfSettled"/>).
/// </summary>
public sealed class ReconciliationAlerts(IGrainFactory grains, IChainDirectory chain, TimeProvider clock)
{
    public async Task Raise(string storeId, TerminalDayReconciliation day, CancellationToken cancellationToken)
    {
        if (day.Verdict == ReconciliationVerdict.Equal)
        {
            return;
        }

        var store = await chain.FindStore(storeId, cancellationToken);
        var region = store?.RegionId ?? "";
        var subject = new InterventionSubject("store", storeId, storeId, region);
        var evidence = new InterventionEvidence(
            Summary(store?.Name ?? storeId, day),
            day.Z.Gross + day.Z.Returns,
            day.Ledger.Gross + day.Ledger.Returns,
            day.ZMinusLedger.Gross + day.ZMinusLedger.Returns,
            clock.GetUtcNow());
        var key = Key(storeId, day);
        var severity = day.Verdict == ReconciliationVerdict.Unexplained ? AlertSeverity.High : AlertSeverity.Medium;
        await grains.GetGrain<IInterventionGrain>(key).Raise(
            subject,
            evidence,
            severity.Name(),
            AlertRoute.StoreManager.Assignee(new AlertRecipients(region, storeId)));
    }

    /// <summary>
    /// Closes the terminal day's open <c>reconciliation</c> alert when late sales (<paramref name="arrived"/>) made the day
    /// equal (<see cref="ReconciliationSettled"/>), with an outcome naming them. True when it resolved one.
    /// </summary>
    public async Task<bool> ResolveIfSettled(string storeId, TerminalDayReconciliation day, IReadOnlyList<long> arrived)
    {
        if (!ReconciliationSettled.Closes(day))
        {
            return false;
        }

        var alert = grains.GetGrain<IInterventionGrain>(Key(storeId, day));
        if (await alert.GetCurrent() is not { } current || current.Status == InterventionStatus.Resolved)
        {
            return false;
        }

        var outcome = ReconciliationSettled.Outcome(day.TerminalId, day.BusinessDay, arrived, clock.GetUtcNow());
        return (await alert.Act(InterventionAction.Resolve, ReconciliationSettled.ResolvedBy, outcome)).Accepted;
    }

    private static string Key(string storeId, TerminalDayReconciliation day) => InterventionConditions.GrainKey(
        $"{storeId}/{day.TerminalId}/{day.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        AlertConditions.Reconciliation);

    /// <summary>The rule's English sentence (logs, API): what differs and which sales explain it.</summary>
    public static string Summary(string storeName, TerminalDayReconciliation day)
    {
        var d = day.ZMinusLedger;
        var listed = string.Join(", ", day.Items.Take(5).Select(i => $"{i.Reason} #{i.Sequence}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{storeName}: terminal {day.TerminalId} on {day.BusinessDay:yyyy-MM-dd}: Z minus ledger: {d.Count} sales, gross {d.Gross:0.00}, returns {d.Returns:0.00}, {d.Voids} voids ({day.Verdict.ToString().ToLowerInvariant()}){(listed.Length > 0 ? $"; {listed}" : "")}{(day.MoreItems > 0 ? $" and {day.MoreItems} more" : "")}");
    }
}
