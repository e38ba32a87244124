using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Grading;
using StoreSales.Abstractions.Targets;
using StoreSales.Data;
using StoreSales.Data.Demo;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;
using StoreSales.Data.Migrations;
using StoreSales.Domain.Demo.SalesForce;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Grains.Grading;
using StoreSales.Grains.Targets;
using StoreSales.ServiceDefaults;
using StoreSales.ServiceDefaults.Limits;
using StoreSales.Silo.Access;
using StoreSales.Silo.Health;
using StoreSales.Silo.Hosting;
using StoreSales.Silo.Ingest;

namespace StoreSales.Silo;

/// <summary>Builds the silo host; the program runs it and tests start it in-process on their own ports.</summary>
public static class SiloApp
{
    public static async Task<WebApplication> Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        var database = DatabaseOptions.Read(builder.Configuration);
        var connectionString = database.ConnectionString(builder.Configuration);

        await PrepareDatabase(builder, database, builder.Configuration.ReadValidated<DemoOptions>(DemoOptions.SectionName, o => o.Validate()), connectionString);

        builder.AddServiceDefaults(connectionString);
        builder.Services.AddStoreSalesData(connectionString);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<ReconciliationAlerts>();
        builder.Services.AddSingleton<LateSaleReconciliation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LateSaleReconciliation>());
        builder.Services.AddHostedService<RollupFoldSchedule>();
        builder.Services.AddSingleton<RepSalesFeed>();
        builder.Services.AddSingleton<SequenceConflictAlerts>();
        builder.Services.AddSingleton<MemberSalesFeed>();
        builder.Services.AddValidatedOptions<IngestOptions>(IngestOptions.SectionName, o => o.Validate());
        // Strict: each host under test reads its own appsettings.json now (StoreSales.Testing's HostSettingsFile), so the
        // command center's Access keys no longer reach the silo; in production they never did.
        builder.Services.AddValidatedOptions<StoreKeyOptions>(StoreKeyOptions.SectionName, o => o.Validate());
        builder.Services.AddValidatedOptions<StoreSales.Domain.LossPrevention.LossPreventionOptions>(
            StoreSales.Domain.LossPrevention.LossPreventionOptions.SectionName, o => o.Validate());
        builder.Services.AddHostedService<LossPrevention.LossPreventionSweep>();
        builder.Services.AddOpenApi();

        builder.Services.AddAuthentication(StoreKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, StoreKeyAuthenticationHandler>(StoreKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StoreKeyAuthenticationHandler.SchemeName, policy => policy
                .AddAuthenticationSchemes(StoreKeyAuthenticationHandler.SchemeName)
                .RequireClaim(StoreKeyAuthenticationHandler.StoreClaim));
        builder.Services.AddRequestLimits(StoreRateLimit.Of);

        builder.AddStoreSalesSilo(connectionString);
        // Started with the dormancy sweep by ScheduledJobStart, once the silo runs.
        builder.Services.AddSingleton(new ScheduledJob(
            "nightly grading", "SalesForce:GradingRun:Enabled", sp => sp.GetRequiredService<IOptions<NightlyGradingOptions>>().Value.Enabled,
            grains => grains.GetGrain<INightlyGradingGrain>(0).Start()));
        builder.Services.AddSingleton(new ScheduledJob(
            "attribution report", "Targets:AttributionRun:Enabled", sp => sp.GetRequiredService<IOptions<AttributionRunOptions>>().Value.Enabled,
            grains => grains.GetGrain<IAttributionReportGrain>(0).Start()));

        var app = builder.Build();
        app.UseIngestArrivalTime();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestLimits();
        app.MapOpenApi();
        app.MapServiceDefaults();
        app.MapIngest();
        app.MapScanIngest();
        app.MapZReports();
        app.MapHeartbeats();
        return app;
    }

    /// <summary>
    /// Migrations run before Orleans starts, because the silo's clustering needs its tables to exist.
    /// The demo chain is seeded when <c>Demo:ChainFile</c> is configured.
    /// </summary>
    private static async Task PrepareDatabase(WebApplicationBuilder builder, DatabaseOptions database, DemoOptions demo, string connectionString)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddConsole());
        var logger = loggerFactory.CreateLogger("StoreSales.Migrations");
        if (database.MigrateOnStart)
        {
            var applied = DatabaseMigrator.Migrate(connectionString, logger);
            logger.LogInformation("Database schema is current ({Count} scripts applied now)", applied.Count);
        }

        if (demo is { ChainFile: { Length: > 0 } chainFile, ItemsFile: { } itemsFile })
        {
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
            var chain = DemoChainSeeder.ReadChain(chainFile);
            await new DemoChainSeeder(dataSource).Seed(chain, itemsFile, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
            var weeks = demo.HistoryWeeks;
            await using var ledger = new Data.Ledger.SaleLedger(dataSource);
            var history = await new DemoHistory(dataSource, ledger)
                .Backfill(chain, DemoChainSeeder.ReadItems(itemsFile).ToList(), DateTimeOffset.UtcNow, weeks, CancellationToken.None);
            // The year before those weeks, through the history import (Demo:HistoryMonths, 0 for none), once the silo runs.
            var months = demo.HistoryMonths;
            if (months > 0)
            {
                var items = DemoChainSeeder.ReadItems(itemsFile).ToList();
                builder.Services.AddHostedService(sp => new DemoHistoryYearSeeding(
                    sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), chain, items, weeks, months, TimeProvider.System, sp.GetRequiredService<ILogger<DemoHistoryYearSeeding>>()));
            }

            var customers = await SeedDemoCustomers(builder.Configuration, builder.Services, demo.Customers, dataSource, chain);
            logger.LogInformation("Demo chain from {ChainFile} is seeded ({History} historical sales, {Customers} customers added)", chainFile, history, customers);
            if (demo.Opportunities)
            {
                var opportunities = builder.Configuration.ReadValidated<OpportunityOptions>(OpportunityOptions.SectionName, o => o.Validate());
                var approvalOptions = builder.Configuration.ReadValidated<ApprovalOptions>(ApprovalOptions.SectionName, o => o.Validate());
                var approvals = new Data.Approvals.ApprovalBook(dataSource, [], TimeProvider.System, Options.Create(approvalOptions), Microsoft.Extensions.Logging.Abstractions.NullLogger<Data.Approvals.ApprovalBook>.Instance);
                var seeded = await new DemoOpportunities(dataSource, opportunities, approvals).Seed(DateTimeOffset.UtcNow, CancellationToken.None);
                // Their grains start ageing (and the stalled ones raise their alerts) once the silo runs.
                builder.Services.AddHostedService(sp => new DemoOpportunityWake(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IHostApplicationLifetime>(), seeded, sp.GetRequiredService<ILogger<DemoOpportunityWake>>()));
                logger.LogInformation("Demo opportunities seeded ({Count} added)", seeded.Count);
            }
        }
    }

    /// <summary>
    /// The demo's customers (<c>Demo:Customers</c>, default <see cref="DemoCustomerBook.DefaultCount"/>), placed against the
    /// chain's own sales-force thresholds so that every rule has customers on both sides of it when the demo starts, and
    /// a rep mid-departure (<see cref="DemoDeparture"/>).
    /// </summary>
    private static async Task<int> SeedDemoCustomers(IConfiguration configuration, IServiceCollection services, int count, Npgsql.NpgsqlDataSource dataSource, DemoChain chain)
    {
        var calendar = configuration.ReadValidated<ChainCalendarOptions>(ChainCalendarOptions.SectionName, o => o.Validate());
        var dormancy = configuration.ReadValidated<DormancyOptions>(DormancyOptions.SectionName, o => o.Validate());
        var book = new DemoCustomerBook(
            dormancy,
            configuration.ReadValidated<GoldenHoursOptions>(GoldenHoursOptions.SectionName, o => o.Validate()),
            calendar.Zone());
        var seats = chain.Stores.SelectMany(s => s.Reps ?? []).Select(r => r.Seat).ToList();
        var identity = configuration.ReadValidated<CustomerIdentityOptions>(CustomerIdentityOptions.SectionName, o => o.Validate());
        var now = DateTimeOffset.UtcNow;
        var added = await new DemoCustomerSeeder(dataSource, identity, calendar.Zone()).Seed(book.Make(seats, count, now, DemoCustomerBook.Seed), CancellationToken.None);

        // A rep mid-departure, once the customers they hand over are there.
        var handOver = configuration.ReadValidated<HandOverOptions>(HandOverOptions.SectionName, o => o.Validate());
        await new DemoDeparture(dataSource, handOver, dormancy, calendar).Seed(now, CancellationToken.None);

        // A B2B customer of the first store over its credit limit, overdue, with an order held for finance; its supervisor
        // gets credit-hold in the inbox once the silo runs, raised as a live hold raises it.
        var credit = await new DemoCredit(
                dataSource,
                configuration.ReadValidated<CreditOptions>(CreditOptions.SectionName, o => o.Validate()),
                configuration.ReadValidated<OrderOptions>(OrderOptions.SectionName, o => o.Validate()),
                configuration.ReadValidated<ApprovalOptions>(ApprovalOptions.SectionName, o => o.Validate()),
                calendar)
            .Seed(chain.Stores[0].Id, now, CancellationToken.None);

        // Another B2B customer of that store with a green, two yellow and a red three-way match line and each classic failure.
        await new DemoContractToCash(
                dataSource,
                configuration.ReadValidated<ContractToCashOptions>(ContractToCashOptions.SectionName, o => o.Validate()),
                configuration.ReadValidated<CreditOptions>(CreditOptions.SectionName, o => o.Validate()),
                configuration.ReadValidated<OpportunityOptions>(OpportunityOptions.SectionName, o => o.Validate()),
                calendar)
            .Seed(chain.Stores[0].Id, credit?.CustomerId, now, CancellationToken.None);
        if (credit?.HeldOrder is not null)
        {
            services.AddHostedService(sp => new DemoCreditHoldAlert(
                new Data.Credit.CreditHoldAlerts(sp.GetRequiredService<IGrainFactory>(), TimeProvider.System, sp.GetRequiredService<ILogger<Data.Credit.CreditHoldAlerts>>()),
                sp.GetRequiredService<IHostApplicationLifetime>(),
                credit,
                sp.GetRequiredService<ILogger<DemoCreditHoldAlert>>()));
        }

        return added;
    }
}
