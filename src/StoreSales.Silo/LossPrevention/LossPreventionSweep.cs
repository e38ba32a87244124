using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.LossPrevention;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.LossPrevention;

namespace StoreSales.Silo.LossPrevention;

/// <summary>
/// The scan-vs-receipt check, every <see cref="LossPreventionOptions.CheckInterval"/>: the last day's scans of every
/// store that streams them against its receipts (<see cref="ScanReceiptCheck"/>); a terminal's and cashier's day whose
/// unreceipted rate is above <see cref="LossPreventionOptions.UnreceiptedRateThreshold"/> raises a <c>loss-prevention</c>
/// intervention for the store's manager with the scans as evidence. The intervention grain is keyed by terminal,
/// cashier and day, so a check run again (or by another silo) raises nothing twice.
/// </summary>
public sealed partial class LossPreventionSweep(
    ScanReceiptReader reader,
    IGrainFactory grains,
    IOptions<LossPreventionOptions> options,
    TimeProvider time,
    ILogger<LossPreventionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again: a check that failed loses nothing, the scans stay in the ledger.
                    LogCheckFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One check over the last day (plus the window, so a scan of yesterday's last minutes is judged too).</summary>
    internal async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var raised = 0;
        foreach (var store in await reader.ReadSince(now - TimeSpan.FromDays(1) - settings.ScanToReceiptWindow, now, cancellationToken))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(store.TimeZone);
            foreach (var tally in ScanReceiptCheck.Tally(store.Scans, store.Sales, zone, settings.ScanToReceiptWindow, now).Where(t => ScanReceiptCheck.Raises(t, settings)))
            {
                await Raise(store, tally, settings, now);
                raised++;
            }
        }

        return raised;
    }

    private async Task Raise(StoreScanDay store, ScanReceiptTally tally, LossPreventionOptions settings, DateTimeOffset now)
    {
        var day = tally.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var condition = $"{AlertConditions.LossPrevention}:{tally.TerminalId}:{tally.CashierId}:{day}";
        var evidence = tally.Unreceipted.Take(settings.EvidenceScans).Select(s => new ScanEvidence(s.Sequence, s.ScannedAt, s.Code)).ToImmutableArray();
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{store.StoreName}: terminal {tally.TerminalId}, cashier {tally.CashierId}, {day}: {tally.Unreceipted.Count} of {tally.Judged} scans ({tally.Rate:P1}) reached no receipt within {settings.ScanToReceiptWindow.TotalMinutes:0.#} min: {string.Join(", ", evidence.Select(s => $"#{s.Sequence} {s.ScannedAt:HH:mm:ss}Z {s.Code}"))}");
        await grains.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(store.StoreId, condition)).Raise(
            new InterventionSubject("store", store.StoreId, store.StoreId, store.RegionId),
            new InterventionEvidence(
                summary,
                // No money figures: the inbox would draw counts as a sales bar. The counts are in the facts.
                null,
                null,
                null,
                now,
                Facts: new EvidenceFacts(
                    EvidenceFacts.LossPrevention,
                    TerminalId: tally.TerminalId,
                    CashierId: tally.CashierId,
                    Day: tally.Day,
                    JudgedScans: tally.Judged,
                    UnreceiptedScans: evidence,
                    ScanToReceiptWindow: settings.ScanToReceiptWindow)),
            InterventionSeverities.High,
            AlertNames.StoreManagerPrefix + store.StoreId);
        LogRaised(logger, store.StoreId, tally.TerminalId, tally.CashierId, day, tally.Unreceipted.Count, tally.Judged);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId} cashier {CashierId} {Day}: {Unreceipted} of {Judged} scans reached no receipt; loss-prevention intervention raised for the store manager")]
    private static partial void LogRaised(ILogger logger, string storeId, string terminalId, string cashierId, string day, int unreceipted, int judged);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scan-vs-receipt check failed; it runs again at its next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
