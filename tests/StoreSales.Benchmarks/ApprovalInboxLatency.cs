using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Live;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 9's live target: an approval request reaches the approver's open inbox within a second, p99. The approver (the
/// east sales director) is a real SignalR client of one command center, joined to its approvals groups; each request is
/// filed through the other command center's <see cref="ApprovalBook"/> (as a kind's code files it: its own transaction),
/// so every probe crosses processes through PostgreSQL's notice. Timed from just before the filing transaction starts to
/// the moment the client holds <c>ApprovalChanged</c> for that request.
/// </summary>
internal static class ApprovalInboxLatency
{
    public static async Task Run(CommandCenterUnderTest inboxNode, CommandCenterUnderTest filingNode, int probes)
    {
        await using var hub = await inboxNode.CreateSignedInHubConnection(DemoLogins.EastDirector);
        var arrived = new ConcurrentDictionary<long, long>();
        hub.On<ApprovalChangeNotice>(ApprovalGroups.ApprovalChanged, notice => arrived.TryAdd(notice.ApprovalId, Stopwatch.GetTimestamp()));
        await hub.StartAsync();
        await hub.InvokeAsync("JoinApprovals");
        await inboxNode.Services.GetRequiredService<ApprovalChangeListener>().Listening;

        var book = filingNode.Services.GetRequiredService<ApprovalBook>();
        var latencies = new List<double>();
        for (var i = -5; i < probes; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var filed = await book.File(
                new NewApprovalRequest(
                    ApprovalKinds.ContractEntry, $"opp-bench-{Guid.NewGuid():N}", [ChainRoles.SalesDirector], DemoLogins.Sh001Rep, DateTimeOffset.UtcNow.AddDays(1),
                    DepartmentId: "dept-east-retail", RegionId: "region-east", Amount: 650_000m, SummaryJson: """{"title":"benchmark"}"""),
                CancellationToken.None);
            var heardAt = await Eventually.Until(
                () => Task.FromResult(arrived.TryGetValue(filed.Request.ApprovalId, out var at) ? at : 0L), at => at != 0, TimeSpan.FromSeconds(10));
            if (heardAt == 0)
            {
                throw new TimeoutException($"Approval {filed.Request.ApprovalId} never reached the director's inbox.");
            }

            if (i >= 0)
            {
                // The first five are warm-up (JIT, first connections), not counted.
                latencies.Add(Stopwatch.GetElapsedTime(start, heardAt).TotalMilliseconds);
            }
        }

        Console.WriteLine(
            $"approval filed (node B, own transaction) → ApprovalChanged at the director's SignalR client (node A), {latencies.Count} probes: "
            + $"p50 {Percentiles.Of(latencies, 50):0.0} ms, p95 {Percentiles.Of(latencies, 95):0.0} ms, p99 {Percentiles.Of(latencies, 99):0.0} ms, max {latencies.Max():0.0} ms");
    }
}
