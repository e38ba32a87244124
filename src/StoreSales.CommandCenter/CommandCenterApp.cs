using StoreSales.CommandCenter.Notifications;
using StoreSales.CommandCenter.Attribution;
using System.Text.Json.Serialization;
using Orleans.Configuration;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Localization;
using StoreSales.CommandCenter.Components;
using StoreSales.CommandCenter.ContractToCash;
using StoreSales.CommandCenter.Credit;
using StoreSales.CommandCenter.Customers;
using StoreSales.CommandCenter.History;
using StoreSales.CommandCenter.Approvals;
using StoreSales.CommandCenter.HandOvers;
using StoreSales.CommandCenter.Hosting;
using StoreSales.CommandCenter.HotItems;
using StoreSales.CommandCenter.Live;
using StoreSales.CommandCenter.Pool;
using StoreSales.CommandCenter.Quotes;
using StoreSales.CommandCenter.SalesForce;
using StoreSales.CommandCenter.StoreEvents;
using StoreSales.CommandCenter.Targets;
using StoreSales.Data;
using StoreSales.Data.Opportunities;
using StoreSales.Data.Pool;
using StoreSales.Data.Quotes;
using StoreSales.ServiceDefaults;
using StoreSales.ServiceDefaults.Limits;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace StoreSales.CommandCenter;

/// <summary>Builds the command-center host; the program runs it and tests start it in-process.</summary>
public static class CommandCenterApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Its settings beside its binaries, wherever it is started from (up.sh runs it from the repository root): with the
        // working directory as content root it ran on the options' defaults alone, and a setting without one (the quotes'
        // verification key) stopped it. The silo does the same.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        // Serves the framework's scripts (blazor.web.js) from a plain build output in any environment.
        builder.WebHost.UseStaticWebAssets();

        var connectionString = DatabaseOptions.Read(builder.Configuration).ConnectionString(builder.Configuration);

        builder.AddServiceDefaults(connectionString);
        builder.Services.AddStoreSalesData(connectionString);
        // Live is the silo's section name too, but each host reads its own appsettings.json: here it holds the boards' keys only.
        builder.Services.AddValidatedOptions<BoardOptions>(BoardOptions.SectionName, o => o.Validate());
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddStoreSalesAccess(connectionString);
        builder.AddStoreSalesLocalization();
        builder.Services.AddSingleton<ChainAccess>();
        builder.Services.AddRequestLimits((http, limits) => DoorRateLimit.Of(http, limits) ?? PersonRateLimit.Of(http, limits));
        builder.Services.AddSingleton<WeekClock>();
        builder.Services.AddSingleton<IRepProcessHealthSource, WeeklyProcessHealth>();
        builder.Services.AddSingleton<ICustomerGradeSource, NightlyGrades>();
        builder.Services.AddSingleton<InterventionDesk>();
        builder.Services.AddSingleton<HotItemScopeFilter>();
        builder.Services.AddSingleton<CustomerAccess>();
        builder.Services.AddSingleton<CustomerMetrics>();
        builder.Services.AddSingleton<StoreKeyMetrics>();
        builder.Services.AddSingleton<CustomerGrainNotifier>();
        builder.Services.AddSingleton<CustomerOutcomes>();
        builder.Services.AddSingleton<RepBoardNotices>();
        builder.Services.AddSingleton<IPoolNotices, PoolNotices>();
        builder.Services.AddSingleton<HandOverNotices>();
        builder.Services.AddSingleton<InteractionDesk>();
        builder.Services.AddSingleton<PoolDesk>();
        builder.Services.AddSingleton<HandOverDesk>();
        builder.Services.AddSingleton<StoreEventMetrics>();
        builder.Services.AddSingleton<StoreEventDesk>();
        builder.Services.AddTargetDecomposition();
        builder.Services.AddCreditHold();
        builder.Services.AddContractToCash();

        builder.Services.AddSingleton<ChainOverview>();
        builder.Services.AddSingleton<AttributionMetrics>();
        builder.Services.AddSingleton<AttributionDesk>();
        builder.Services.AddValidatedOptions<ReportFontOptions>(ReportFontOptions.SectionName, o => o.Validate());
        builder.Services.AddSingleton<ReportFonts>();
        builder.Services.AddSingleton<TargetMetrics>();
        builder.Services.AddSingleton<TargetGrainNotifier>();
        builder.Services.AddSingleton<TargetDesk>();
        builder.Services.AddQuoteData();
        builder.Services.AddSingleton<QuoteMetrics>();
        builder.Services.AddSingleton<QuoteQr>();
        builder.Services.AddSingleton<QuoteDesk>();
        builder.Services.AddSingleton<StoreSales.Data.Demo.DemoQuotes>();
        builder.Services.AddSingleton<OpportunityMetrics>();
        builder.Services.AddSingleton<OpportunityAccess>();
        builder.Services.AddSingleton<IOpportunityNotices, OpportunityNotices>();
        builder.Services.AddSingleton<OpportunityDesk>();
        builder.Services.AddSingleton<ApprovalMetrics>();
        builder.Services.AddSingleton<ApprovalDesk>();
        // Read before the host is built, because the client is configured now; bound strictly like every other section.
        var orleans = builder.Configuration.ReadValidated<OrleansClientOptions>(OrleansClientOptions.SectionName, o => o.Validate());
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = orleans.ClusterId;
                o.ServiceId = orleans.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = orleans.GatewayListRefreshPeriod);
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
            // A silo connection lost or gained: the open boards are read again (BoardResync), not left to the next sale.
            client.AddClusterConnectionStatusObserver<ClusterConnectionWatch>();
            client.AddStoreSalesDashboard(builder.Configuration);
        });

        // After the Orleans client, so that the feed starts once the client has connected to the cluster.
        builder.Services.AddSingleton<LiveBoardFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveBoardFeed>());
        builder.Services.AddSingleton<BoardResyncSignal>();
        builder.Services.AddHostedService<BoardResync>();
        builder.Services.AddValidatedOptions<StoreSales.Data.Demo.DemoOptions>(StoreSales.Data.Demo.DemoOptions.SectionName, o => o.Validate());
        builder.Services.AddHostedService<DemoStaff>();
        builder.Services.AddHostedService<DemoQuoteSeeding>();
        builder.Services.AddHostedService<HeatmapKeepWarm>();
        builder.Services.AddValidatedOptions<PoolReleaseOptions>(PoolReleaseOptions.SectionName, o => o.Validate());
        builder.Services.AddHostedService<PoolReleaseSchedule>();
        builder.Services.AddCustomerImportWorker();
        builder.Services.AddHistoryImportWorker();
        builder.Services.AddHostedService<DepartureWatchResume>();
        builder.Services.AddNotifications();
        builder.Services.AddSingleton<ApprovalChangeListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApprovalChangeListener>());
        builder.Services.AddHostedService<StoreSales.CommandCenter.Approvals.OverdueResolutionNudge>();
        // The inbox marks alerts about to escalate and those escalated away by the same settings the silo's grains use.
        builder.Services.AddValidatedOptions<StoreSales.Domain.Interventions.InterventionSlaOptions>(StoreSales.Domain.Interventions.InterventionSlaOptions.SectionName, o => o.Validate());
        builder.Services.AddValidatedOptions<StoreSales.Domain.Interventions.InterventionEscalationOptions>(StoreSales.Domain.Interventions.InterventionEscalationOptions.SectionName, o => o.Validate());

        // The client's address behind the gateway (YARP sends X-Forwarded-For): the door limits count per address, and
        // without this every browser would share the gateway's. Believed only from ForwardedHeaders:TrustedProxies (this
        // machine by default), so nobody else can choose the address they are counted under.
        builder.Services.AddValidatedOptions<ForwardedHeadersSettings>(ForwardedHeadersSettings.SectionName, o => o.Validate());
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ForwardedHeadersSettings>>((options, settings) => settings.Value.ApplyTo(options));

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseAuthentication();
        // Before authorization, so that the hub's doors are counted for callers it then refuses too; after authentication,
        // which names the person counted. Before antiforgery, which reads a posted form: the body limit must be set before
        // anything reads the body.
        app.UseRequestLimits();
        app.UseAuthorization();
        app.UseMiddleware<BoardReadOnlyGate>();
        app.UseAntiforgery();
        // Named explicitly so the app also finds its assets when hosted in-process by tests and benchmarks.
        app.MapStaticAssets(Path.Combine(AppContext.BaseDirectory, "StoreSales.CommandCenter.staticwebassets.endpoints.json"));
        app.MapOpenApi();
        app.MapServiceDefaults();
        app.MapProgressApi();
        app.MapReconciliationApi();
        app.MapInterventionApi();
        app.MapMyNotificationApi();
        app.MapCustomerApi();
        app.MapCustomerMergeApi();
        app.MapInteractionApi();
        app.MapLeadApi();
        app.MapCustomerLiveApi();
        app.MapPoolApi();
        app.MapCustomerImportApi().MapCustomerExportApi();
        app.MapHistoryImportApi();
        app.MapHandOverApi();
        app.MapProcessHealthApi();
        app.MapStoreEventApi();
        app.MapDecompositionApi();
        app.MapAttributionApi();
        app.MapTargetApi();
        app.MapQuoteApi();
        app.MapOpportunityApi();
        app.MapCreditApi().MapOrderApi().MapContractToCashApi();
        app.MapApprovalApi();
        app.MapAccountEndpoints();
        app.MapBoardTokenEndpoints();
        app.MapStoreKeyEndpoints();
        app.MapGroup("").RequireAuthorization().AddEndpointFilter<HotItemScopeFilter>().MapHotItemApi();
        app.MapCultureSwitch();
        app.MapStoreSalesDashboard();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
