using StoreSales.Abstractions.Approvals;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Domain.Approvals;
using StoreSales.Abstractions.Customers;
using System.Net;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Targets;
using StoreSales.Grains.Grading;
using StoreSales.Grains.Interventions;
using StoreSales.Grains.Reps;
using StoreSales.Data;
using StoreSales.Data.Interventions;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Grains;
using StoreSales.Grains.Customers;
using StoreSales.Grains.Targets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace StoreSales.Silo.Hosting;

internal static class OrleansSiloSetup
{
    private const string NpgsqlInvariant = "Npgsql";

    /// <summary>Orleans' failure-detection settings (probe timeout, missed probes, votes).</summary>
    public const string MembershipSection = SiloSettings.SectionName + ":Membership";

    /// <summary>
    /// Clustering, grain storage and reminders all on PostgreSQL through Orleans' ADO.NET providers.
    /// Grain state is written with Orleans' own serializer: version-tolerant by [Id], and it writes no type
    /// names for the declared state type, so renaming a state class does not orphan stored rows.
    /// </summary>
    public static WebApplicationBuilder AddStoreSalesSilo(this WebApplicationBuilder builder, string connectionString)
    {
        // Read now (the cluster's endpoints are configured before the host is built), strictly like every other section.
        var settings = builder.Configuration.ReadValidated<SiloSettings>(SiloSettings.SectionName, o => o.Validate(), SiloSettings.KeysOfOthers);
        builder.Services.AddValidatedOptions<LiveOptions>(LiveOptions.SectionName, o => o.Validate())
            .Validate(
                o => o.AgentWatchPeriod >= settings.MinimumReminderPeriod,
                $"{LiveOptions.SectionName}:{nameof(LiveOptions.AgentWatchPeriod)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        builder.Services.AddValidatedOptions<TargetStatusOptions>(TargetStatusOptions.SectionName, o => o.Validate());
        // Reps are judged by the same rule under thresholds of their own: a rep's day is noisier than a store's, so a chain
        // may want wider bands or a larger minimum for reps. Defaults: those of Targets:Status.
        builder.Services.AddValidatedNamedOptions<TargetStatusOptions>(RepGrain.StatusSection, RepGrain.StatusSection, o => o.Validate(RepGrain.StatusSection));
        builder.Services.AddSingleton(TimeProvider.System);
        // Try: a test host that registered a clock of its own (a FakeTimeProvider it moves) keeps it.
        builder.Services.TryAddKeyedSingleton(SalesForceClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        builder.Services.AddValidatedOptions<CustomerGrainOptions>(CustomerGrainOptions.SectionName, o => o.Validate())
            .Validate(
                o => o.GoldenHoursCheckPeriod >= settings.MinimumReminderPeriod,
                $"{CustomerGrainOptions.SectionName}:{nameof(CustomerGrainOptions.GoldenHoursCheckPeriod)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        builder.Services.AddValidatedOptions<DormancySweepOptions>(DormancySweepOptions.SectionName, o => o.Validate())
            .Validate(
                o => o.Period >= settings.MinimumReminderPeriod,
                $"{DormancySweepOptions.SectionName}:{nameof(DormancySweepOptions.Period)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        builder.Services.AddOptions<HandOverOptions>()
            .Validate(
                o => o.OverdueCheckEvery >= settings.MinimumReminderPeriod,
                $"{HandOverOptions.SectionName}:{nameof(HandOverOptions.OverdueCheckEvery)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        builder.Services.AddValidatedOptions<NightlyGradingOptions>(NightlyGradingOptions.SectionName, o => o.Validate())
            .Validate(
                o => o.CheckEvery >= settings.MinimumReminderPeriod,
                $"{NightlyGradingOptions.SectionName}:{nameof(NightlyGradingOptions.CheckEvery)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        builder.Services.AddValidatedOptions<AttributionRunOptions>(AttributionRunOptions.SectionName, o => o.Validate())
            .Validate(
                o => o.CheckEvery >= settings.MinimumReminderPeriod,
                $"{AttributionRunOptions.SectionName}:{nameof(AttributionRunOptions.CheckEvery)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        builder.Services.AddOptions<OpportunityOptions>()
            .Validate(
                o => o.AgeingCheckPeriod >= settings.MinimumReminderPeriod,
                $"{OpportunityOptions.SectionName}:{nameof(OpportunityOptions.AgeingCheckPeriod)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        // Approvals options are bound (and validated) with the approval data (AddStoreSalesData); the silo adds its reminder floor.
        builder.Services.AddOptions<ApprovalOptions>()
            .Validate(
                o => o.OverdueCheckEvery >= settings.MinimumReminderPeriod,
                $"{ApprovalOptions.SectionName}:{nameof(ApprovalOptions.OverdueCheckEvery)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");
        builder.Services.AddValidatedOptions<InterventionSlaOptions>(InterventionSlaOptions.SectionName, o => o.Validate());
        builder.Services.AddValidatedOptions<InterventionEscalationOptions>(InterventionEscalationOptions.SectionName, o => o.Validate());
        // Interventions is shared with the journal's options (both hosts) and the Sla and Escalation sections above.
        builder.Services.AddValidatedOptions<InterventionTimingOptions>(
                InterventionTimingOptions.SectionName,
                o => o.Validate(),
                [.. InterventionJournalOptions.KeysOfOthers.Where(k => k != nameof(InterventionTimingOptions.SlaCheckPeriod)), nameof(InterventionJournalOptions.JournalConcurrency)])
            .Validate(
                o => o.SlaCheckPeriod >= settings.MinimumReminderPeriod,
                $"{InterventionTimingOptions.SectionName}:{nameof(InterventionTimingOptions.SlaCheckPeriod)} must be at least {SiloSettings.SectionName}:{nameof(SiloSettings.MinimumReminderPeriod)} ({settings.MinimumReminderPeriod}).");

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            // How soon a silo that stopped answering is declared dead, so that its grains (a store's figures, a board's
            // directory) activate on the others: Orleans' own ClusterMembershipOptions under Orleans:Membership, bound
            // strictly (a misspelt key stops the silo). The shipped values are in appsettings.json and docs/domain.md.
            silo.Services.AddOptions<ClusterMembershipOptions>()
                .Bind(builder.Configuration.GetSection(MembershipSection), o => o.ErrorOnUnknownConfiguration = true);
            if (settings.KubernetesHosting)
            {
                // The pod's address is known only in the pod: Kubernetes hosting fills it in from POD_IP.
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = settings.SiloPort;
                    o.GatewayPort = settings.GatewayPort;
                });
                silo.UseKubernetesHosting();
            }
            else
            {
                silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            }

            if (settings.Dashboard)
            {
                // Its figures only: the pages are served by the command center, to admins (OrleansDashboardSetup there).
                silo.AddDashboard();
            }

            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(GrainStorageNames.Live, o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(GrainStorageNames.Live)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.Configure<LoadSheddingOptions>(o => o.LoadSheddingEnabled = true);
            silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = settings.MinimumReminderPeriod);
        });

        // After Orleans' own hosted service, so the silo is running when it asks for the jobs' reminders.
        builder.Services.AddSingleton(new ScheduledJob("dormancy sweep", null, _ => true, grains => grains.GetGrain<IDormancySweepGrain>(0).Start()));
        builder.Services.AddSingleton(new ScheduledJob("approval overdue check", null, _ => true, grains => grains.GetGrain<IApprovalOverdueGrain>(0).Start()));
        builder.Services.AddSingleton(new ScheduledJob("instalment overdue sweep", null, _ => true, grains => grains.GetGrain<IInstalmentOverdueGrain>(0).Start()));
        builder.Services.AddHostedService<ScheduledJobStart>();
        return builder;
    }
}
