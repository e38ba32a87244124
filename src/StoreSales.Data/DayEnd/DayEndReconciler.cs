using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Sales.DayEnd;

namespace StoreSales.Data.DayEnd;

/// <summary>A store's business day: each terminal that sent a Z reconciled, and the terminals with sales but no Z.</summary>
public sealed record StoreDayReconciliation(
    string StoreId,
    DateOnly BusinessDay,
    ImmutableArray<TerminalDayReconciliation> Terminals,
    ImmutableArray<TerminalWithoutZ> WithoutZ);

/// <summary>A terminal with sales in the ledger on a day it sent no Z for (yet).</summary>
public sealed record TerminalWithoutZ(string TerminalId, DayFigures Ledger);

/// <summary>
/// Reads what day-end reconciliation compares (the Z reports, the ledger's day, the store grain's count) and lets the
/// Domain rule (<see cref="DayEndReconciliationRule"/>) compare it. Without a grain factory (a tool reading only the
/// database), the grain column stays empty.
/// </summary>
public sealed class DayEndReconciler(ZReports zReports, DayEndLedger ledger, IOptions<DayEndOptions> options, IGrainFactory? grains = null)
{
    /// <summary>The store's days: <paramref name="day"/> alone, or the newest days that have a Z (<see cref="DayEndOptions.MaxDays"/>).</summary>
    public async Task<IReadOnlyList<StoreDayReconciliation>> Days(string storeId, DateOnly? day, CancellationToken cancellationToken)
    {
        var days = day is { } one ? [one] : await zReports.Days(storeId, options.Value.MaxDays, cancellationToken);
        var result = new List<StoreDayReconciliation>(days.Count);
        foreach (var d in days)
        {
            result.Add(await Reconcile(storeId, d, cancellationToken));
        }

        return result;
    }

    public async Task<StoreDayReconciliation> Reconcile(string storeId, DateOnly day, CancellationToken cancellationToken)
    {
        var reports = await zReports.Read(storeId, day, day, cancellationToken);
        var sales = await ledger.ReadDay(storeId, day, cancellationToken);
        var store = grains?.GetGrain<IStoreGrain>(storeId);
        var terminals = ImmutableArray.CreateBuilder<TerminalDayReconciliation>(reports.Count);
        foreach (var stored in reports)
        {
            var terminalSales = sales.GetValueOrDefault(stored.Report.TerminalId) ?? [];
            var uncounted = store is null
                ? null
                : (await store.Uncounted(stored.Report.TerminalId, [.. terminalSales.Select(s => s.Sequence)])).ToHashSet();
            terminals.Add(DayEndReconciliationRule.Reconcile(stored.Report, stored.CoveredFrom, terminalSales, uncounted, options.Value.MaxListedSales));
        }

        var withZ = reports.Select(r => r.Report.TerminalId).ToHashSet(StringComparer.Ordinal);
        var withoutZ = sales.Where(s => !withZ.Contains(s.Key))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new TerminalWithoutZ(s.Key, DayFigures.Of(s.Value)));
        return new StoreDayReconciliation(storeId, day, terminals.ToImmutable(), [.. withoutZ]);
    }
}
