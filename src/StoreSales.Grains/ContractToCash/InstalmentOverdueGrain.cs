using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.ContractToCash;

namespace StoreSales.Grains.ContractToCash;

/// <summary>
/// The cluster's one overdue sweep of contract instalments (key 0; docs/domain.md "Contract to cash"), built as
/// <c>ApprovalOverdueGrain</c> is: its Orleans reminder (every <see cref="ContractToCashOptions.OverdueCheckEvery"/>)
/// asks PostgreSQL for open instalments overdue in their customer's time zone and not raised yet, raises
/// <c>instalment-overdue</c> for each as <see cref="SalesForceAlertRules"/> routes it (the owner rep and finance), and
/// keeps that it did, so an instalment alerts once however many sweeps see it. No reminder per contract.
/// </summary>
public sealed partial class InstalmentOverdueGrain(
    IOverdueInstalments overdue,
    [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
    IOptions<ContractToCashOptions> options,
    ILogger<InstalmentOverdueGrain> logger) : Grain, IInstalmentOverdueGrain, IRemindable
{
    private const string SweepReminder = "instalment-overdue";
    private const string SubjectKind = "instalment";

    async Task IInstalmentOverdueGrain.Start()
    {
        await this.RegisterOrUpdateReminder(SweepReminder, options.Value.OverdueCheckEvery, options.Value.OverdueCheckEvery);
        await Sweep();
    }

    Task<int> IInstalmentOverdueGrain.Sweep() => Sweep();

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Sweep();

    private async Task<int> Sweep()
    {
        var now = clock.GetUtcNow();
        var raised = 0;
        foreach (var instalment in await overdue.Unraised(now, options.Value.OverdueBatch, CancellationToken.None))
        {
            var subjectId = $"{instalment.ContractId}-{instalment.Seq.ToString(CultureInfo.InvariantCulture)}";
            var recipients = new AlertRecipients(instalment.RegionId ?? "", instalment.StoreId, instalment.OwnerRepId);
            try
            {
                foreach (var delivery in SalesForceAlertRules.Table[AlertConditions.InstalmentOverdue])
                {
                    var assignee = delivery.Route.Assignee(recipients);
                    await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(subjectId, AlertConditions.InstalmentOverdue, assignee))
                        .Raise(new InterventionSubject(SubjectKind, subjectId, instalment.StoreId, instalment.RegionId), Describe(instalment, now), delivery.Severity.Name(), assignee);
                }

                await overdue.MarkRaised(instalment.ContractId, instalment.Seq, now, CancellationToken.None);
                raised++;
                LogRaised(instalment.ContractId, instalment.Seq, instalment.CustomerId);
            }
            catch (Exception exception)
            {
                // Not marked: the next sweep tries again (an intervention grain opens no second alert while one is open).
                LogRaiseFailed(exception, instalment.ContractId, instalment.Seq);
            }
        }

        return raised;
    }

    private InterventionEvidence Describe(OverdueInstalment i, DateTimeOffset now) => new(
        $"Instalment {i.Seq} of contract {i.ContractId} ({i.CustomerName}, {i.CustomerId}) was due on {i.DueOn:yyyy-MM-dd}: "
        + $"{i.Currency} {i.Open.ToString("N2", CultureInfo.InvariantCulture)} of {i.Gross.ToString("N2", CultureInfo.InvariantCulture)} is still open "
        + $"{options.Value.OverdueAfterDays} or more days later in the customer's calendar",
        Actual: i.Gross - i.Open,
        Expected: i.Gross,
        Deviation: i.Open,
        ObservedAt: now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instalment {Seq} of contract {ContractId} (customer {CustomerId}) is overdue: instalment-overdue raised")]
    private partial void LogRaised(string contractId, int seq, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instalment {Seq} of contract {ContractId} is overdue but its intervention could not be raised; the next sweep tries again")]
    private partial void LogRaiseFailed(Exception exception, string contractId, int seq);
}
