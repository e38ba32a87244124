using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter;
using StoreSales.Silo;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Every options section of the two servers, bound strictly and checked at start (issue 12): a misspelt key stops the
/// host naming that key, and a value its class's rule refuses stops it with the rule's sentence naming the full key. Each
/// row builds the real host (its own registrations, its own appsettings.json) and runs the checks the host runs as it
/// starts (<see cref="IStartupValidator"/>), without starting Orleans: a row costs a host build, not a silo.
/// <see cref="StrictOptionsTests"/> starts the hosts for real.
/// </summary>
public sealed class ServerOptionsTableTests
{
    private const string Silo = "silo";
    private const string CommandCenter = "command-center";

    [Fact]
    public async Task Both_hosts_pass_their_own_shipped_settings()
    {
        Assert.Null(await StartFailure(Silo, []));
        Assert.Null(await StartFailure(CommandCenter, []));
    }

    [Theory]
    [InlineData(Silo, "Live:PublishIntervall")]
    [InlineData(Silo, "Targets:Status:GreenMaxDeviaton")]
    [InlineData(Silo, "SalesForce:Reps:Status:Hysterisis")]
    [InlineData(Silo, "Interventions:SlaCheckPeriode")]
    [InlineData(Silo, "Interventions:JournalConcurency")]
    [InlineData(Silo, "Orleans:AdvertisedAdress")]
    [InlineData(Silo, "HotItems:PriorUnit")]
    [InlineData(Silo, "HotItems:Heatmap:TopItem")]
    [InlineData(Silo, "Ingest:MaxSalesPerBach")]
    [InlineData(Silo, "Ledger:Writer")]
    [InlineData(Silo, "Limits:SignInsPerAdress")]
    [InlineData(Silo, "Database:MigrateOnStrat")]
    [InlineData(CommandCenter, "Live:ResubscribeIntervall")]
    [InlineData(CommandCenter, "Access:MaxFailedAttempt")]
    [InlineData(CommandCenter, "Access:OpenIdConnect:Authorit")]
    [InlineData(CommandCenter, "HotItems:HotLif")]
    [InlineData(CommandCenter, "Interventions:JournalConcurency")]
    [InlineData(CommandCenter, "Limits:HubConnectionsPerAdress")]
    [InlineData(CommandCenter, "Database:Keepaliv")]
    [InlineData(Silo, "Demo:HistoryWeek")]
    [InlineData(CommandCenter, "Demo:SeedStaf")]
    [InlineData(CommandCenter, "ForwardedHeaders:TrustedProxy")]
    public async Task A_misspelt_key_stops_the_host_naming_it(string host, string key)
    {
        var failure = await StartFailure(host, new() { [key] = "1" });

        Assert.NotNull(failure);
        Assert.Contains(key.Split(':')[^1], failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Silo, "Live:RefreshInterval", "00:00:00", "Live:RefreshInterval must be positive")]
    [InlineData(Silo, "Targets:Status:GreenMaxDeviation", "0", "Targets:Status:GreenMaxDeviation must be greater than 0")]
    [InlineData(Silo, "SalesForce:Reps:Status:YellowMaxDeviation", "0.01", "SalesForce:Reps:Status:YellowMaxDeviation must be greater than GreenMaxDeviation")]
    [InlineData(Silo, "Interventions:SlaCheckPeriod", "00:00:10", "Interventions:SlaCheckPeriod must be at least Orleans:MinimumReminderPeriod")]
    [InlineData(Silo, "Interventions:JournalConcurrency", "0", "Interventions:JournalConcurrency must be between 1 and 256")]
    [InlineData(Silo, "Orleans:SiloPort", "0", "Orleans:SiloPort must be a port from 1 to 65535")]
    [InlineData(Silo, "HotItems:UsualWeeks", "0", "HotItems:UsualWeeks must be between 1 and 52")]
    [InlineData(Silo, "Ingest:CountWait", "00:00:00", "Ingest:CountWait must be positive")]
    [InlineData(Silo, "Ingest:LateSaleQueueBatches", "0", "Ingest:LateSaleQueueBatches must be between 1 and 1000000")]
    [InlineData(Silo, "Database:Keepalive", "00:00:00", "Database:Keepalive must be whole seconds from 1 s to 01:00:00")]
    [InlineData(CommandCenter, "Live:ResubscribeInterval", "00:00:00", "Live:ResubscribeInterval must be positive")]
    [InlineData(CommandCenter, "Access:MaxFailedAttempts", "0", "Access:MaxFailedAttempts must be at least 1")]
    [InlineData(CommandCenter, "Access:OpenIdConnect:Authority", "https://id.example.com", "Access:OpenIdConnect:Authority and ClientId must be set together")]
    [InlineData(CommandCenter, "HotItems:Heatmap:TopItems", "0", "HotItems:Heatmap:TopItems must be between 1 and 200")]
    [InlineData(CommandCenter, "Limits:SignInsPerAddress", "0", "Limits:SignInsPerAddress must be at least 1")]
    [InlineData(CommandCenter, "Limits:HubConnectionWindow", "00:00:00", "Limits:HubConnectionWindow must be between 1 s and 01:00:00")]
    [InlineData(CommandCenter, "Database:Keepalive", "00:00:02.500", "Database:Keepalive must be whole seconds from 1 s to 01:00:00")]
    [InlineData(Silo, "Demo:HistoryMonths", "-1", "Demo:HistoryMonths must be between 0 and 36")]
    [InlineData(Silo, "Demo:ChainFile", "chain.json", "Demo:ItemsFile is required with ChainFile")]
    [InlineData(CommandCenter, "Demo:StaffPassword", "", "Demo:StaffPassword must not be empty")]
    [InlineData(CommandCenter, "ForwardedHeaders:TrustedProxies:0", "gateway.local", "ForwardedHeaders:TrustedProxies: 'gateway.local' is neither an address")]
    [InlineData(CommandCenter, "ForwardedHeaders:TrustedProxies:0", "10.0.4.0/33", "ForwardedHeaders:TrustedProxies: '10.0.4.0/33' is neither an address")]
    public async Task A_value_its_rule_refuses_stops_the_host_with_the_rule(string host, string key, string value, string rule)
    {
        var failure = await StartFailure(host, new() { [key] = value });

        Assert.NotNull(failure);
        Assert.Contains(rule, failure, StringComparison.Ordinal);
    }

    /// <summary>What stops <paramref name="host"/> as it starts with <paramref name="settings"/> over its own appsettings.json, or null.</summary>
    private static async Task<string?> StartFailure(string host, Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:StoreSales"] = "Host=127.0.0.1;Port=1;Database=unused";
        settings["Database:MigrateOnStart"] = "false";
        void Configure(WebApplicationBuilder builder)
        {
            builder.Configuration.UseOwnAppSettings(host == Silo ? HostSettingsFile.Silo : HostSettingsFile.CommandCenter);
            builder.Configuration.AddInMemoryCollection(settings);
        }

        WebApplication? app = null;
        try
        {
            app = host == Silo ? await SiloApp.Build([], Configure) : CommandCenterApp.Build([], Configure);
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception refused) when (refused is InvalidOperationException or OptionsValidationException or AggregateException)
        {
            return StrictOptionsTests.Flatten(refused);
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
