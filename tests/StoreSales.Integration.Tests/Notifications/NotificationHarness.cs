using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Notifications;
using StoreSales.Data.Interventions;
using StoreSales.Data.Notifications;
using StoreSales.Domain.Access;
using StoreSales.Domain.Interventions;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Notifications;

/// <summary>
/// One host's notification services as the command center registers them (<see cref="NotificationSetup.AddNotifications"/>,
/// bound from configuration), on a real database, pointed at the local provider receiver and SMTP server; every log
/// line (message and exception) kept in <see cref="Logs"/>.
/// </summary>
public sealed class NotificationHarness : IAsyncDisposable
{
    public const string SmtpUser = "alerts@chain.example";
    public const string SmtpPassword = "smtp-password-5c8e1d";

    private readonly ServiceProvider _services;

    public NotificationHarness(TestDatabase database, FakeTimeProvider clock, ProviderReceiver receiver, int smtpPort, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:PublicBaseUrl"] = "https://sales.chain.example",
            ["Notifications:Dispatcher:Enabled"] = "false",
            ["Notifications:Delivery:RetryDelay"] = "00:00:00",
            ["Notifications:Channels:WeComRobot:Enabled"] = "true",
            ["Notifications:Channels:WeComRobot:BaseUrl"] = receiver.BaseUrl,
            ["Notifications:Channels:WeComRobot:Robots:east-supervisors"] = ProviderReceiver.RobotKey,
            ["Notifications:Channels:WeComApp:Enabled"] = "true",
            ["Notifications:Channels:WeComApp:BaseUrl"] = receiver.BaseUrl,
            ["Notifications:Channels:WeComApp:CorpId"] = ProviderReceiver.CorpId,
            ["Notifications:Channels:WeComApp:AgentId"] = ProviderReceiver.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Channels:WeComApp:Secret"] = ProviderReceiver.AppSecret,
            ["Notifications:Channels:DingTalk:Enabled"] = "true",
            ["Notifications:Channels:DingTalk:BaseUrl"] = receiver.BaseUrl,
            ["Notifications:Channels:DingTalk:Robots:east-group:AccessToken"] = ProviderReceiver.DingTalkToken,
            ["Notifications:Channels:DingTalk:Robots:east-group:Secret"] = ProviderReceiver.DingTalkSecret,
            ["Notifications:Channels:Email:Enabled"] = "true",
            ["Notifications:Channels:Email:Host"] = "127.0.0.1",
            ["Notifications:Channels:Email:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Channels:Email:Security"] = "None",
            ["Notifications:Channels:Email:UserName"] = SmtpUser,
            ["Notifications:Channels:Email:Password"] = SmtpPassword,
            ["Notifications:Channels:Email:From"] = "StoreSales alerts <alerts@chain.example>",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new KeepingLoggerProvider(Logs)));
        services.AddMetrics();
        services.AddLocalization();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(database.DataSource);
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationPeople>();
        services.AddSingleton<PersonScopes>();
        services.AddNotifications();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = _services.GetRequiredService<IOptions<NotificationOptions>>().Value; // the start-up check
        Journal = new PgInterventionJournal(database.DataSource, Options.Create(new InterventionJournalOptions { JournalConcurrency = 8 }));
    }

    public ConcurrentQueue<string> Logs { get; } = new();

    public NotificationDispatcher Dispatcher => _services.GetRequiredService<NotificationDispatcher>();

    public NotificationPeople People => _services.GetRequiredService<NotificationPeople>();

    public NotificationOutbox Outbox => _services.GetRequiredService<NotificationOutbox>();

    /// <summary>Keeps the person's scope as a sign-in by the chain's provider does (no account row).</summary>
    public Task SignedIn(string personId, ViewerScope scope, CancellationToken cancellationToken) =>
        _services.GetRequiredService<PersonScopes>().Record(personId, scope, DateTimeOffset.UnixEpoch, cancellationToken);

    /// <summary>The least scope that answers for <paramref name="assignee"/> (hq, finance, supervisor:{region}).</summary>
    public static ViewerScope ScopeAnswering(string assignee) => assignee switch
    {
        "hq" => ViewerScope.Of([ChainRoles.Hq], [], []),
        "finance" => ViewerScope.Of([ChainRoles.Finance], [], []),
        _ when assignee.StartsWith("supervisor:", StringComparison.Ordinal) => ViewerScope.Of([ChainRoles.FieldSupervisor], [assignee["supervisor:".Length..]], []),
        _ => throw new ArgumentOutOfRangeException(nameof(assignee), assignee, "No test scope for this assignee."),
    };

    public PgInterventionJournal Journal { get; }

    /// <summary>Runs rounds until nothing more is due now.</summary>
    public async Task<int> DispatchAll(CancellationToken cancellationToken)
    {
        var total = 0;
        while (await Dispatcher.RunOnce(cancellationToken) is var claimed and > 0)
        {
            total += claimed;
        }

        return total;
    }

    /// <summary>An alert raised now for <paramref name="assignee"/> (level 1, open), as a rule raises it.</summary>
    public static Intervention Alert(string key, string assignee, DateTimeOffset at, string condition = "day-behind", string subjectKind = "store", string subjectId = "sh001") =>
        new($"{key}#1", condition, new InterventionSubject(subjectKind, subjectId, "sh001", "east"), "high",
            new InterventionEvidence("Sales 1,200 against 2,000 expected by 15:00.", 1200m, 2000m, -0.4m, at),
            assignee, InterventionStatus.Open, 1, at, at, null,
            ImmutableArray.Create(new InterventionStep(1, InterventionStatus.Open, InterventionStatus.Open, "rule", at, "raised")));

    public async ValueTask DisposeAsync()
    {
        Journal.Dispose();
        await _services.DisposeAsync();
    }

    private sealed class KeepingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Keeping(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Keeping(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
