using Microsoft.Extensions.Time.Testing;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Notifications;

/// <summary>
/// What a notification test runs against: its own database, the local provider receiver and SMTP server, and one
/// <see cref="NotificationHarness"/> host pointed at them (more with <see cref="Another"/>).
/// </summary>
public sealed class NotificationRig : IAsyncDisposable
{
    private NotificationRig(TestDatabase database, ProviderReceiver receiver, LocalSmtpServer smtp, FakeTimeProvider clock)
    {
        (Database, Receiver, Smtp, Clock) = (database, receiver, smtp, clock);
        Host = Another();
    }

    public TestDatabase Database { get; }

    public ProviderReceiver Receiver { get; }

    public LocalSmtpServer Smtp { get; }

    public FakeTimeProvider Clock { get; }

    public NotificationHarness Host { get; }

    public static async Task<NotificationRig> Start(string purpose, FakeTimeProvider clock)
    {
        var database = await TestDatabase.Create(purpose, seedDemo: false);
        var receiver = await ProviderReceiver.Start(clock);
        var smtp = LocalSmtpServer.Start(NotificationHarness.SmtpUser, NotificationHarness.SmtpPassword);
        return new NotificationRig(database, receiver, smtp, clock);
    }

    /// <summary>Another host on the same database and servers, with some settings of its own (the caller disposes it).</summary>
    public NotificationHarness Another(IDictionary<string, string?>? overrides = null) => new(Database, Clock, Receiver, Smtp.Port, overrides);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Smtp.DisposeAsync();
        await Receiver.DisposeAsync();
        await Database.DisposeAsync();
    }
}
