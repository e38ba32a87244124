using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Commands;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Status;
using StoreSales.Edge.Upload;

namespace StoreSales.Edge;

/// <summary>
/// Builds the edge agent's host: as a program (appsettings.json, environment variables, command line;
/// systemd or Windows service when started as one) or in-process from a configuration dictionary (tests).
/// </summary>
public static class EdgeAgentHost
{
    /// <summary>The agent as its own program: what <c>Program.Main</c> runs.</summary>
    public static IHost Build(string[] args) => CreateBuilder(args).Build();

    /// <summary>The program's builder, for callers that want to add to it before building.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        // The content root is the app's folder, not the working directory: a service starts in "/" (systemd)
        // or System32 (Windows), and appsettings.json must be found wherever the agent is started from.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = "StoreSales Edge Agent");
        builder.Services.AddEdgeAgent(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }

    /// <summary>
    /// The agent in-process, configured only by <paramref name="configuration"/> (keys as in appsettings.json,
    /// e.g. <c>Agent:StoreId</c>, <c>Terminals:0:TillPort</c>): no files, no environment variables.
    /// Start it with <c>StartAsync</c>; reach its parts through <c>Services</c> (<see cref="AgentStatus"/>,
    /// <see cref="SqliteOutbox"/>). Logs go to the console unless <paramref name="configureLogging"/> says otherwise.
    /// </summary>
    public static IHost Build(
        IEnumerable<KeyValuePair<string, string?>> configuration,
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.Services.AddEdgeAgent(builder.Configuration, builder.Environment.ContentRootPath);

        // In someone else's process: no Ctrl+C / SIGTERM hooks, the caller starts and stops the host.
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Registers the agent: options (validated at start), outbox, device adapters, uploader, status, heartbeats.</summary>
    public static IServiceCollection AddEdgeAgent(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.SectionName), Strict)
            .ValidateOnStart();
        services.AddOptions<TerminalsOptions>()
            .Configure(o => configuration.GetSection(TerminalsOptions.SectionName).Bind(o.Terminals, Strict))
            .ValidateOnStart();
        services.AddOptions<UploadOptions>()
            .Bind(configuration.GetSection(UploadOptions.SectionName), Strict)
            .ValidateOnStart();
        services.AddOptions<ScanDecoderOptions>()
            .Configure(o => BarcodeScanSettings.Bind(configuration, o))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScanDecoderOptions>, ScanDecoderOptionsValidator>();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddSingleton<IValidateOptions<AgentOptions>>(new StoreKeyFileValidator(contentRootPath));
        services.AddSingleton<IValidateOptions<TerminalsOptions>, TerminalsOptionsValidator>();
        services.AddSingleton<IValidateOptions<TerminalsOptions>>(new Devices.Receipts.ReceiptOptionsValidator(contentRootPath));
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();

        services.AddSingleton(sp => new SqliteOutbox(
            Path.Combine(contentRootPath, sp.GetRequiredService<IOptions<AgentOptions>>().Value.OutboxPath),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OutboxBound>();
        services.AddSingleton<ISaleSink>(sp => sp.GetRequiredService<OutboxBound>());
        services.AddSingleton<IOpenSaleJournal>(sp => sp.GetRequiredService<SqliteOutbox>().Journal);
        services.AddSingleton<IUnparsedReceiptSink>(sp => sp.GetRequiredService<SqliteOutbox>().Unparsed);
        services.AddSingleton<ScanCounters>();
        services.AddSingleton<ScansSinceReceipt>();
        services.AddSingleton<OutboxScans>();
        services.AddSingleton<IScanSink>(sp => sp.GetRequiredService<OutboxScans>());
        services.AddSingleton<IZReportSink>(sp => sp.GetRequiredService<SqliteOutbox>().DayEnd);
        services.AddSingleton(DeviceRegistry.Create);

        // Timeouts are the Polly pipeline's; the uploader logs each outcome itself, so the factory's per-request logs go.
        // Every connection to the servers (sales, scans, Z reports, heartbeats, doctor) checks the pinned certificate, if any.
        services.AddSingleton<ServerCertificatePin>();
        services.AddHttpClient(IngestClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<ServerCertificatePin>().Handler());
        services.AddHttpClient(DoctorCommand.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<ServerCertificatePin>().Handler());
        services.AddSingleton<ServerFailover>();
        services.AddSingleton(sp => new StoreKeySource(
            sp.GetRequiredService<IOptionsMonitor<AgentOptions>>(), contentRootPath, sp.GetRequiredService<ILogger<StoreKeySource>>()));
        services.AddSingleton<IngestClient>();
        services.AddSingleton<UploadCounters>();
        services.AddSingleton<AgentStatus>();

        // Before the devices: hosted services stop in reverse order, so the scan writer outlives the scanners.
        services.AddHostedService(sp => sp.GetRequiredService<OutboxScans>());
        services.AddHostedService<DeviceHost>();
        // One upload loop per outbox queue, each with the one retry layer (UploadLoop): scans never delay a sale.
        services.AddSingleton<SaleUploads>();
        services.AddSingleton<ScanUploads>();
        services.AddSingleton<ZReportUploads>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<UploadLoop<OutboxEntry>>(sp, sp.GetRequiredService<SaleUploads>()));
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<UploadLoop<ScanRecord>>(sp, sp.GetRequiredService<ScanUploads>()));
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<UploadLoop<PendingZReport>>(sp, sp.GetRequiredService<ZReportUploads>()));
        services.AddSingleton<HeartbeatSender>();
        services.AddHostedService(sp => sp.GetRequiredService<HeartbeatSender>());
        return services;
    }

    /// <summary>
    /// Binds and validates the agent's options now, so a configuration error surfaces as one
    /// <see cref="OptionsValidationException"/> (or a binder's <see cref="InvalidOperationException"/>) before
    /// anything starts. Starting the host does the same checks.
    /// </summary>
    public static void ValidateConfiguration(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<AgentOptions>>().Value;
        _ = services.GetRequiredService<IOptions<TerminalsOptions>>().Value;
        _ = services.GetRequiredService<IOptions<UploadOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ScanDecoderOptions>>().Value;
    }

    private sealed class InProcessLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>A misspelt key under Agent, Terminals, Upload or Barcodes:Scan is an error at start, not a silently ignored setting.</summary>
    private static void Strict(BinderOptions options) => options.ErrorOnUnknownConfiguration = true;
}
