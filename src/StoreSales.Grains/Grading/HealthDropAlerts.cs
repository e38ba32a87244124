using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Grading;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Alerts;

namespace StoreSales.Grains.Grading;

/// <summary>
/// Tells the owners of a night's dropped customers (<c>customer-health-dropped</c>): <see cref="SalesForceAlertRules"/>
/// decides the severity and to whom, the intervention grains keep the inbox (one open alert per customer and recipient).
/// Page by page from PostgreSQL, at most <see cref="NightlyGradingOptions.AlertConcurrency"/> raises at once, each page
/// marked as alerted once its raises are answered: a re-run after a crash raises only what was not answered. A raise that
/// fails stays unmarked, and the run is not complete until the next attempt has raised it.
/// </summary>
internal sealed partial class HealthDropAlerts(IGrainFactory grains, ICustomerGrading grading, NightlyGradingOptions options, ILogger logger)
{
    private const string SubjectKind = "customer";

    /// <summary>Raises the date's unalerted drops; returns how many alerts were raised and whether all of them were.</summary>
    public async Task<(int Raised, bool AllRaised)> Send(DateOnly gradedOn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deliveries = SalesForceAlertRules.Decide(new SalesForceAlertFacts(new HashSet<string>(), HealthDropped: true)).Raise;
        using var gate = new SemaphoreSlim(options.AlertConcurrency);
        var raised = 0;
        var allRaised = true;
        string? after = null;
        while (true)
        {
            var page = await grading.UnalertedDrops(gradedOn, after, options.AlertPageSize, cancellationToken);
            if (page.Count == 0)
            {
                return (raised, allRaised);
            }

            var sent = await Task.WhenAll(page.Select(drop => Raise(drop, deliveries, gradedOn, now, gate, cancellationToken)));
            var alerted = page.Where((_, i) => sent[i] >= 0).Select(d => d.CustomerId).ToList();
            raised += sent.Where(n => n > 0).Sum();
            allRaised &= alerted.Count == page.Count;
            if (alerted.Count > 0)
            {
                await grading.MarkAlerted(gradedOn, alerted, now, cancellationToken);
            }

            after = page[^1].CustomerId;
        }
    }

    /// <summary>The number of alerts raised for one drop, or −1 when a raise failed.</summary>
    private async Task<int> Raise(HealthDrop drop, IEnumerable<SalesForceAlert> deliveries, DateOnly gradedOn, DateTimeOffset now, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var recipients = new AlertRecipients(drop.RegionId ?? "", drop.StoreId, drop.OwnerRepId);
        var subject = new InterventionSubject(SubjectKind, drop.CustomerId, drop.StoreId, drop.RegionId);
        var evidence = new InterventionEvidence(
            $"{drop.CustomerName}: health {drop.Score} (was {drop.PreviousScore}) in the nightly grading of {gradedOn:yyyy-MM-dd}, grade {drop.Grade}",
            drop.Score,
            drop.PreviousScore,
            null,
            now);
        var count = 0;
        foreach (var alert in deliveries)
        {
            var assignee = alert.Route.Assignee(recipients);
            await gate.WaitAsync(cancellationToken);
            try
            {
                await grains.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(drop.CustomerId, alert.Condition, assignee))
                    .Raise(subject, evidence, alert.Severity.Name(), assignee);
                count++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRaiseFailed(ex, drop.CustomerId, assignee);
                return -1;
            }
            finally
            {
                gate.Release();
            }
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nightly grading: raising customer-health-dropped for customer {CustomerId} to {Assignee} failed; the next check tries again")]
    private partial void LogRaiseFailed(Exception exception, string customerId, string assignee);
}
