using System.Globalization;
using StoreSales.Abstractions.Interventions;
using Microsoft.Extensions.Logging;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Credit;

namespace StoreSales.Data.Credit;

/// <summary>
/// Raises <c>credit-hold</c> in the intervention inbox when an order is held (docs/domain.md "Credit hold"): to whom and
/// how urgent is <see cref="SalesForceAlertRules"/>' table (the region's field supervisor); the subject is the customer,
/// one open alert per customer and recipient however many of its orders are held. The evidence is the check's sentence
/// and figures with the customer's recent payments. Best effort after the commit: a raise that fails is logged and
/// counted, and the order stays held (its release waits in the approvals inbox either way). One path for every hold: the
/// command center's order desk after a placement, the silo's demo seeding for its held order (<c>DemoCreditHoldAlert</c>).
/// </summary>
public sealed partial class CreditHoldAlerts(IGrainFactory cluster, TimeProvider clock, ILogger<CreditHoldAlerts> logger)
{
    private const string SubjectKind = "customer";

    public async Task<bool> Raise(OrderRecord order, string? storeId, IReadOnlyList<PaymentRecord> recentPayments)
    {
        if (order.RegionId is not { Length: > 0 } region)
        {
            LogNoRegion(order.OrderId, order.OwnerRepId);
            return false;
        }

        var recipients = new AlertRecipients(region, storeId, order.OwnerRepId);
        var subject = new InterventionSubject(SubjectKind, order.CustomerId, storeId, region);
        var evidence = new InterventionEvidence(Summary(order, recentPayments), order.Check.Used, order.Check.Limit, order.Check.OverdueAmount, clock.GetUtcNow());
        var all = true;
        foreach (var delivery in SalesForceAlertRules.Table[AlertConditions.CreditHold])
        {
            var assignee = delivery.Route.Assignee(recipients);
            try
            {
                await cluster.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(order.CustomerId, AlertConditions.CreditHold, assignee))
                    .Raise(subject, evidence, delivery.Severity.Name(), assignee);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                all = false;
                LogRaiseFailed(ex, order.OrderId, assignee);
            }
        }

        return all;
    }

    /// <summary>The rule's English sentence with the customer's recent payments, newest first.</summary>
    public static string Summary(OrderRecord order, IReadOnlyList<PaymentRecord> recentPayments)
    {
        var payments = recentPayments.Count == 0
            ? "no payments on record"
            : string.Join("; ", recentPayments.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.PaidAt:yyyy-MM-dd} {CreditCheck.Money(p.Amount)} ({p.DocumentNo})")));
        return $"Order {order.OrderId} of {order.CustomerName} ({order.CustomerId}), {CreditCheck.Money(order.Amount)}, held: {order.Check.Message}. Recent payments: {payments}.";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} is held, but raising credit-hold for {Assignee} failed")]
    private partial void LogRaiseFailed(Exception exception, string orderId, string assignee);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} is held, but its rep {RepId} is in no region of master data: no supervisor to tell")]
    private partial void LogNoRegion(string orderId, string repId);
}
