using System.Collections.Concurrent;
using System.Globalization;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Interventions;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Sales;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Tells the store manager of a terminal whose batch was refused for a sequence conflict: one <c>sequence-conflict</c>
/// alert per terminal and store-local day (grain key <c>{store}/{terminal}/{day}/sequence-conflict</c>). An agent that
/// isolates the refused batch sale by sale meets many 409s in a minute; this silo raises once for them all, and the
/// grain's own key keeps it once across silos. Raised off the request: the 409 never waits for the inbox.
/// </summary>
public sealed partial class SequenceConflictAlerts(IGrainFactory grains, IChainDirectory chain, TimeProvider clock, ILogger<SequenceConflictAlerts> logger)
{
    private readonly ConcurrentDictionary<string, DateOnly> _raised = new(StringComparer.Ordinal);

    /// <summary>Starts the raise of each conflicting terminal's alert not raised today; returns at once.</summary>
    public void Raise(string storeId, IReadOnlyList<SaleKey> conflicts)
    {
        foreach (var first in conflicts.GroupBy(c => c.TerminalId, StringComparer.Ordinal).Select(g => g.First()))
        {
            _ = RaiseOne(storeId, first);
        }
    }

    private async Task RaiseOne(string storeId, SaleKey conflict)
    {
        string? subjectId = null;
        try
        {
            var store = await chain.FindStore(storeId, CancellationToken.None);
            if (store is null)
            {
                return;
            }

            var now = clock.GetUtcNow();
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(store.TimeZone)).DateTime);
            subjectId = $"{storeId}/{conflict.TerminalId}/{day:yyyy-MM-dd}";
            if (_raised.TryGetValue(subjectId, out var raisedOn) && raisedOn == day)
            {
                return;
            }

            _raised[subjectId] = day;
            foreach (var old in _raised.Where(r => r.Value < day).Select(r => r.Key).ToList())
            {
                _raised.TryRemove(old, out _);
            }

            var grain = grains.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(subjectId, InterventionConditions.SequenceConflict));
            if (await grain.GetCurrent() is not null)
            {
                return; // Raised today already (by another silo, or before this one restarted).
            }

            var evidence = new InterventionEvidence(
                string.Create(CultureInfo.InvariantCulture, $"{store.Name}: terminal {conflict.TerminalId} sent sequence {TerminalEpoch.Describe(conflict.Sequence)} with other content than the sale recorded under it; the batch was refused. Check that terminal's store PC: an edge agent reinstalled from an old version, or a copy of its outbox on a second PC."),
                null,
                null,
                null,
                now,
                Facts: new EvidenceFacts(EvidenceFacts.SequenceConflict, TerminalId: conflict.TerminalId, Sequence: conflict.Sequence));
            await grain.Raise(
                new InterventionSubject("terminal", $"{storeId}/{conflict.TerminalId}", storeId, store.RegionId),
                evidence,
                AlertSeverity.High.Name(),
                AlertRoute.StoreManager.Assignee(new AlertRecipients(store.RegionId, StoreId: storeId)));
        }
        catch (Exception exception)
        {
            if (subjectId is not null)
            {
                _raised.TryRemove(subjectId, out _); // The next conflict of the terminal tries again.
            }

            LogRaiseFailed(logger, exception, storeId, conflict.TerminalId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: raising the sequence-conflict alert of terminal {TerminalId} failed; the terminal's next conflict tries again")]
    private static partial void LogRaiseFailed(ILogger logger, Exception exception, string storeId, string terminalId);
}
