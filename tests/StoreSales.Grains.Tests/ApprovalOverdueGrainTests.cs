using Dapper;
using StoreSales.Abstractions.Approvals;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// The approvals' overdue check on the injected clock: a request pending at its due time (its kind's SLA) raises exactly
/// one <c>approval-overdue</c> intervention, high, for its region's supervisor (HQ when it names no region), never a
/// minute before, never twice however many checks follow; a request decided in time raises nothing. The clock is a
/// FakeTimeProvider; the test waits through <see cref="Eventually"/> for the reminder's check, never for a fixed delay.
/// </summary>
public sealed class ApprovalOverdueGrainTests(ApprovalOverdueClusterFixture fixture) : IClassFixture<ApprovalOverdueClusterFixture>
{
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pending_request_raises_one_intervention_at_its_due_time_and_none_before()
    {
        var now = fixture.Clock.GetUtcNow();
        var sla = ApprovalOverdueClusterFixture.Options.Sla[ApprovalKinds.Quote];
        var regional = await File(ApprovalKinds.Quote, "region-east", now);
        var chainWide = await File(ApprovalKinds.Quote, null, now);
        var decidedInTime = await File(ApprovalKinds.Quote, "region-east", now);
        var grain = fixture.Grains.GetGrain<IApprovalOverdueGrain>(0);
        await grain.Start();

        fixture.Clock.Advance(sla - TimeSpan.FromMinutes(1));
        await grain.Check();
        var before = await Alerts(regional, chainWide, decidedInTime);
        await fixture.Book.Decide(decidedInTime, false, "Discount beyond the matrix", "finance", new HashSet<string>([ChainRoles.Finance]), Cancellation);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        // The reminder, not this test, makes the check at the due time.
        await Eventually.Holds(async () => (await Alerts(regional, chainWide)).Count == 2, "both overdue requests escalated", TimeSpan.FromSeconds(30), Cancellation);
        fixture.Clock.Advance(TimeSpan.FromHours(3));
        var raisedAgain = await grain.Check() + await grain.Check();
        var after = await Alerts(regional, chainWide, decidedInTime);

        Assert.Empty(before);
        Assert.Equal(0, raisedAgain);
        Assert.Equal(2, after.Count);
        Assert.Contains(new AlertRow($"approval-{regional}", "approval", "high", "supervisor:region-east", "Open"), after);
        Assert.Contains(new AlertRow($"approval-{chainWide}", "approval", "high", "hq", "Open"), after);
        var marked = await fixture.Database.Count("SELECT count(*) FROM approval_request WHERE overdue_raised_at IS NOT NULL AND approval_id = ANY(@ids)", new { ids = new[] { regional, chainWide, decidedInTime } });
        Assert.Equal(2, marked);
    }

    [Fact]
    public async Task An_order_release_falls_due_after_its_own_shorter_sla()
    {
        var now = fixture.Clock.GetUtcNow();
        var order = await File(ApprovalKinds.OrderRelease, "region-south", now);
        var grain = fixture.Grains.GetGrain<IApprovalOverdueGrain>(0);
        await grain.Start();   // idempotent: whichever test runs first registers the reminder

        fixture.Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        await grain.Check();
        Assert.Empty(await Alerts(order));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Holds(async () => (await Alerts(order)).Count == 1, "the held order's release escalated", TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal("supervisor:region-south", (await Alerts(order))[0].Assignee);
    }

    [Fact]
    public async Task An_overdue_alert_resolves_itself_naming_the_decision_once_its_request_is_decided()
    {
        var now = fixture.Clock.GetUtcNow();
        var order = await File(ApprovalKinds.OrderRelease, "region-east", now);
        var withdrawn = await File(ApprovalKinds.OrderRelease, "region-east", now);
        var stillWaiting = await File(ApprovalKinds.OrderRelease, "region-east", now);
        var grain = fixture.Grains.GetGrain<IApprovalOverdueGrain>(0);
        await grain.Start();
        fixture.Clock.Advance(TimeSpan.FromHours(4));
        await grain.Check();
        Assert.Equal(3, (await Alerts(order, withdrawn, stillWaiting)).Count(a => a.Status == "Open"));

        await fixture.Book.Decide(order, false, "Customer paid nothing since October", "finance.lee", new HashSet<string>([ChainRoles.Finance]), Cancellation);
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync("UPDATE approval_request SET status = 'withdrawn', decided_at = now() WHERE approval_id = @withdrawn", new { withdrawn });
        }

        await grain.Check();
        var again = await grain.Check();

        var alerts = await Alerts(order, withdrawn, stillWaiting);
        Assert.Equal(["Resolved", "Resolved", "Open"], [alerts.Single(a => a.SubjectId == $"approval-{order}").Status, alerts.Single(a => a.SubjectId == $"approval-{withdrawn}").Status, alerts.Single(a => a.SubjectId == $"approval-{stillWaiting}").Status]);
        var outcome = await Outcome(order);
        Assert.StartsWith($"Approval {order} (order-release overdue-", outcome, StringComparison.Ordinal);
        Assert.Contains(" was rejected by finance.lee (finance) at ", outcome, StringComparison.Ordinal);
        Assert.EndsWith("UTC: \u201cCustomer paid nothing since October\u201d.", outcome, StringComparison.Ordinal);
        Assert.Contains(" was withdrawn at ", await Outcome(withdrawn), StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Equal(2, await fixture.Database.Count("SELECT count(*) FROM approval_request WHERE overdue_resolved_at IS NOT NULL AND approval_id = ANY(@ids)", new { ids = new[] { order, withdrawn, stillWaiting } }));
    }

    private async Task<string> Outcome(long approvalId)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        return await connection.QuerySingleAsync<string>("SELECT outcome FROM intervention WHERE condition = 'approval-overdue' AND subject_id = @subject", new { subject = $"approval-{approvalId}" });
    }

    private async Task<long> File(string kind, string? region, DateTimeOffset now)
    {
        var roles = kind == ApprovalKinds.OrderRelease ? new[] { ChainRoles.Finance } : [ChainRoles.Legal, ChainRoles.Finance];
        var filed = await fixture.Book.File(
            new NewApprovalRequest(kind, $"overdue-{Interlocked.Increment(ref _serial)}", roles, "sh001.rep", ApprovalOverdueClusterFixture.Options.DueAt(kind, now),
                RegionId: region, Amount: 420_000m),
            Cancellation);
        return filed.Request.ApprovalId;
    }

    private async Task<List<AlertRow>> Alerts(params long[] approvalIds)
    {
        var subjects = approvalIds.Select(id => $"approval-{id}").ToArray();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        return [.. await connection.QueryAsync<AlertRow>(
            """
            SELECT subject_id AS SubjectId, subject_kind AS SubjectKind, severity AS Severity, assignee AS Assignee, status AS Status
            FROM intervention WHERE condition = 'approval-overdue' AND subject_id = ANY(@subjects) ORDER BY alert_id
            """,
            new { subjects })];
    }

    private sealed record AlertRow(string SubjectId, string SubjectKind, string Severity, string Assignee, string Status);
}
