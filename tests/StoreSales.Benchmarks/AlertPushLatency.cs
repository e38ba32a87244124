using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Notifications;
using StoreSales.Data.Notifications;
using StoreSales.Domain.Notifications;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 14's target: an alert is on its channel within 5 s of opening. A real silo raises each alert through its
/// <c>InterventionGrain</c> (grain state, journal and outbox row in one transaction, NOTIFY at commit); the command
/// center's dispatcher wakes, claims the row and posts it to a WeCom group robot played by a local Kestrel receiver in
/// this process. Timed from just before <c>Raise</c> to the receiver holding the message. The digest threshold is set
/// above the probe count: this measures one alert's way, not the digest's window.
/// </summary>
internal static class AlertPushLatency
{
    public static async Task Run(int probes)
    {
        Console.WriteLine($"StoreSales alert push latency  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var arrived = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var port = FreeTcpPort.Next();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        receiverBuilder.Logging.ClearProviders();
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/cgi-bin/webhook/send", async (HttpContext context) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var text = body.RootElement.GetProperty("text").GetProperty("content").GetString() ?? "";
            foreach (var word in text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("bench-", StringComparison.Ordinal)))
            {
                arrived.TryAdd(word, at);
            }

            return Results.Json(new { errcode = 0, errmsg = "ok" });
        });
        await receiver.StartAsync();

        await using var database = await TestDatabase.Create("alertpush", seedDemo: false);
        var cluster = "alerts-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloUnderTest.Start(database, cluster);
        await using var commandCenter = await CommandCenterUnderTest.Start(database, cluster, new Dictionary<string, string?>
        {
            ["Demo:SeedStaff"] = "false",
            ["Notifications:Digest:Threshold"] = (probes + 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Channels:WeComRobot:Enabled"] = "true",
            ["Notifications:Channels:WeComRobot:BaseUrl"] = $"http://127.0.0.1:{port}",
            ["Notifications:Channels:WeComRobot:Robots:bench"] = "benchmark-robot-key",
        });
        await commandCenter.Services.GetRequiredService<NotificationDispatcher>().Listening;
        await commandCenter.Services.GetRequiredService<PersonScopes>().Record(
            "bench.supervisor", StoreSales.Domain.Access.ViewerScope.Of([StoreSales.Domain.Access.ChainRoles.FieldSupervisor], ["region-bench"], []),
            DateTimeOffset.UtcNow, CancellationToken.None);
        await commandCenter.Services.GetRequiredService<NotificationPeople>().Save(
            new NotificationSettings("bench.supervisor", "en", "Asia/Shanghai", null, [NotificationChannels.WeComRobot], null, "bench", null, null, []),
            DateTimeOffset.UtcNow,
            CancellationToken.None);

        var grains = silo.Grains();
        var latencies = new List<double>();
        for (var i = -5; i < probes; i++)
        {
            var subject = $"bench-{i + 5:D4}";
            var start = Stopwatch.GetTimestamp();
            await grains.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(subject, InterventionConditions.DayBehind)).Raise(
                new InterventionSubject("store", subject, subject, "region-bench"),
                new InterventionEvidence("benchmark", 1m, 2m, -0.5m, DateTimeOffset.UtcNow),
                InterventionSeverities.High,
                InterventionAssignees.FieldSupervisorOf("region-bench"));
            var heardAt = await Eventually.Until(
                () => Task.FromResult(arrived.TryGetValue(subject, out var at) ? at : 0L), at => at != 0, TimeSpan.FromSeconds(30));
            if (heardAt == 0)
            {
                throw new TimeoutException($"The alert of {subject} never reached the robot.");
            }

            if (i >= 0)
            {
                // The first five are warm-up (JIT, first connections), not counted.
                latencies.Add(Stopwatch.GetElapsedTime(start, heardAt).TotalMilliseconds);
            }
        }

        Console.WriteLine(
            $"alert raised (silo grain) → message at the WeCom robot receiver (via the command center's dispatcher), {latencies.Count} probes: "
            + $"p50 {Percentiles.Of(latencies, 50):0.0} ms, p95 {Percentiles.Of(latencies, 95):0.0} ms, p99 {Percentiles.Of(latencies, 99):0.0} ms, max {latencies.Max():0.0} ms (target 5,000 ms)");
    }
}
