using StoreSales.Data.Credit;

namespace StoreSales.CommandCenter.Credit;

public static class CreditSetup
{
    /// <summary>Credit hold's desks, alerts, counters and page notices (its data and settings come with AddStoreSalesData).</summary>
    public static IServiceCollection AddCreditHold(this IServiceCollection services)
    {
        services.AddSingleton<CreditMetrics>();
        services.AddSingleton<OrderNotices>();
        services.AddSingleton<IOrderNotices>(sp => sp.GetRequiredService<OrderNotices>());
        services.AddSingleton<CreditHoldAlerts>();
        services.AddSingleton<CreditDesk>();
        services.AddSingleton<OrderDesk>();
        return services;
    }
}
