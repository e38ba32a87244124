using StoreSales.Data.Credit;
using StoreSales.Data.Demo;

namespace StoreSales.Silo.Hosting;

/// <summary>
/// Once the silo runs, raises <c>credit-hold</c> for the demo's held order exactly as the order desk raises it for a live
/// hold (<see cref="CreditHoldAlerts"/>: the region's field supervisor, the sentence and the payment history as evidence),
/// so the demo's inbox shows what a real hold shows. Raising again finds the open alert (one per customer and recipient).
/// </summary>
internal sealed partial class DemoCreditHoldAlert(CreditHoldAlerts alerts, IHostApplicationLifetime lifetime, DemoCreditHold hold, ILogger<DemoCreditHoldAlert> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Raise());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task Raise()
    {
        if (hold.HeldOrder is not { } order)
        {
            return;
        }

        try
        {
            if (!await alerts.Raise(order, hold.StoreId, hold.RecentPayments))
            {
                LogNotRaised(order.OrderId);
            }
        }
        catch (Exception exception)
        {
            LogFailed(exception, order.OrderId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo order {OrderId} is held, but its credit-hold alert was not raised (see the warning before)")]
    private partial void LogNotRaised(string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo order {OrderId} is held, but raising its credit-hold alert failed")]
    private partial void LogFailed(Exception exception, string orderId);
}
