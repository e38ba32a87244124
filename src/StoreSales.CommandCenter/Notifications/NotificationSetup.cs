using StoreSales.CommandCenter.Notifications.Channels;
using StoreSales.Data;

namespace StoreSales.CommandCenter.Notifications;

public static class NotificationSetup
{
    /// <summary>The channels, the dispatcher (a hosted service when <c>Notifications:Dispatcher:Enabled</c>) and their settings, validated at start.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddValidatedOptions<NotificationOptions>(NotificationOptions.SectionName, o => o.Validate());
        services.AddSingleton<NotificationHttp>();
        services.AddSingleton<WeComAccessTokens>();
        services.AddSingleton<INotificationChannel, WeComRobotChannel>();
        services.AddSingleton<INotificationChannel, WeComAppChannel>();
        services.AddSingleton<INotificationChannel, DingTalkRobotChannel>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<NotificationTexts>();
        services.AddSingleton<DeliveryPipeline>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<MyNotificationSettings>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }
}
