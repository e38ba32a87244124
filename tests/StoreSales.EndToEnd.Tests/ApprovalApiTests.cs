using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Approvals;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The approvals inbox through the real command center on a real PostgreSQL: who lists, reads and decides which request
/// (a director in their region, legal and finance chain-wide, another scope 404), each refusal named and counted, and the
/// hub's <c>ApprovalChanged</c> reaching exactly the inboxes that may see the request.
/// </summary>
public sealed class ApprovalApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ApprovalBook Book => chain.CommandCenter.Services.GetRequiredService<ApprovalBook>();

    [Fact]
    public async Task A_director_lists_and_decides_their_regions_request_and_another_regions_is_not_found()
    {
        var east = await File(Contract("region-east", "dept-east-retail"));
        var south = await File(Contract("region-south", "dept-south-retail"));
        using var director = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastDirector);

        var inbox = await director.GetFromJsonAsync<JsonElement[]>("/api/approvals", Cancellation);
        Assert.Contains(inbox!, a => a.GetProperty("approvalId").GetInt64() == east);
        Assert.DoesNotContain(inbox!, a => a.GetProperty("approvalId").GetInt64() == south);
        using (var hidden = await director.GetAsync($"/api/approvals/{south}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var hiddenDecision = await director.PostAsJsonAsync($"/api/approvals/{south}/decision", new { approve = true, reason = "ok" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, hiddenDecision.StatusCode);
        }

        var detail = await director.GetFromJsonAsync<JsonElement>($"/api/approvals/{east}", Cancellation);
        Assert.Equal([ChainRoles.SalesDirector], detail.GetProperty("yourRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(880_000m, detail.GetProperty("summary").GetProperty("amount").GetDecimal());

        using var approved = await director.PostAsJsonAsync($"/api/approvals/{east}/decision", new { approve = true, reason = "Needs confirmed, minutes attached" }, Cancellation);
        var answer = await approved.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", answer.GetProperty("status").GetString());
        var kept = Assert.Single(answer.GetProperty("decisions").EnumerateArray());
        Assert.Equal(DemoLogins.EastDirector, kept.GetProperty("decidedBy").GetString());
        Assert.Equal("Needs confirmed, minutes attached", kept.GetProperty("reason").GetString());
        Assert.DoesNotContain(await director.GetFromJsonAsync<JsonElement[]>("/api/approvals", Cancellation) ?? [], a => a.GetProperty("approvalId").GetInt64() == east);
    }

    [Fact]
    public async Task Refusals_name_their_rule_change_nothing_and_are_counted()
    {
        var refusals = new List<string>();
        using var meters = CountRefusals(refusals);
        var own = await File(Contract("region-east", "dept-east-retail", requestedBy: DemoLogins.EastDirector));
        var other = await File(Contract("region-east", "dept-east-retail"));
        using var director = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastDirector);
        using var legal = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Legal);

        await Refused(director, own, new { approve = true, reason = "mine" }, HttpStatusCode.Forbidden, "own-request");
        await Refused(director, other, new { approve = true, reason = "  " }, HttpStatusCode.BadRequest, "reason-required");
        // Legal sees no contract entry (not their function): as unknown.
        using (var notLegals = await legal.PostAsJsonAsync($"/api/approvals/{other}/decision", new { approve = true, reason = "ok" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, notLegals.StatusCode);
        }

        using (var rejected = await director.PostAsJsonAsync($"/api/approvals/{other}/decision", new { approve = false, reason = "Amount unsupported by the needs sheet" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        await Refused(director, other, new { approve = true, reason = "changed my mind" }, HttpStatusCode.Conflict, "already-decided");

        Assert.Equal(ApprovalStatus.Pending, (await Book.Find(own, Cancellation))!.Status);
        Assert.Empty((await Book.Find(own, Cancellation))!.Decisions);
        Assert.Single((await Book.Find(other, Cancellation))!.Decisions);
        Assert.Contains("own_request", refusals);
        Assert.Contains("reason_required", refusals);
        Assert.Contains("already_decided", refusals);
        Assert.Contains("not_found", refusals);
    }

    [Fact]
    public async Task Legal_and_finance_decide_a_top_tier_quote_in_either_order_each_once()
    {
        var quote = await File(new NewApprovalRequest(
            ApprovalKinds.Quote, $"Q-API-{Interlocked.Increment(ref _serial)}/1", [ChainRoles.Legal, ChainRoles.Finance], DemoLogins.Sh001Rep,
            DateTimeOffset.UtcNow.AddDays(1), DepartmentId: "dept-east-retail", RegionId: "region-east", Amount: 1_250_000m,
            SummaryJson: """{"discount":0.27,"margin":0.11,"lines":[{"sku":"MD-1001","quantity":40,"unitPrice":31250}]}"""));
        using var finance = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Finance);
        using var legal = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Legal);
        using var director = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastDirector);
        Assert.DoesNotContain(await director.GetFromJsonAsync<JsonElement[]>("/api/approvals", Cancellation) ?? [], a => a.GetProperty("approvalId").GetInt64() == quote);

        using (var first = await finance.PostAsJsonAsync($"/api/approvals/{quote}/decision", new { approve = true, reason = "Margin above floor" }, Cancellation))
        {
            var answer = await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("pending", answer.GetProperty("status").GetString());
            Assert.Equal([ChainRoles.Legal], answer.GetProperty("waiting").EnumerateArray().Select(r => r.GetString()));
        }

        await Refused(finance, quote, new { approve = true, reason = "again" }, HttpStatusCode.Conflict, "role-already-decided");
        Assert.DoesNotContain(await finance.GetFromJsonAsync<JsonElement[]>("/api/approvals", Cancellation) ?? [], a => a.GetProperty("approvalId").GetInt64() == quote);
        Assert.Contains(await legal.GetFromJsonAsync<JsonElement[]>("/api/approvals", Cancellation) ?? [], a => a.GetProperty("approvalId").GetInt64() == quote);

        using var last = await legal.PostAsJsonAsync($"/api/approvals/{quote}/decision", new { approve = true, reason = "Standard clauses" }, Cancellation);
        Assert.Equal("approved", (await last.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_request_reaches_the_open_inboxes_that_may_see_it_and_no_other()
    {
        await using var eastDirector = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.EastDirector);
        await using var legal = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.Legal);
        var heardByDirector = HubInbox.Of(eastDirector, "ApprovalChanged");
        var heardByLegal = HubInbox.Of(legal, "ApprovalChanged");
        await eastDirector.StartAsync(Cancellation);
        await legal.StartAsync(Cancellation);
        await eastDirector.InvokeAsync("JoinApprovals", Cancellation);
        await legal.InvokeAsync("JoinApprovals", Cancellation);
        await chain.CommandCenter.Services.GetRequiredService<StoreSales.CommandCenter.Live.ApprovalChangeListener>().Listening.WaitAsync(Cancellation);

        var south = await File(Contract("region-south", "dept-south-retail"));
        var east = await File(Contract("region-east", "dept-east-retail"));

        var filed = await heardByDirector.Heard(m => m.GetProperty("approvalId").GetInt64() == east);
        Assert.Equal("pending", filed.GetProperty("status").GetString());
        Assert.Equal(["approvalId", "kind", "status"], filed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        using var director = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastDirector);
        using (var approved = await director.PostAsJsonAsync($"/api/approvals/{east}/decision", new { approve = true, reason = "ok" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        await heardByDirector.Heard(m => m.GetProperty("approvalId").GetInt64() == east && m.GetProperty("status").GetString() == "approved");
        Assert.DoesNotContain(heardByDirector.All, m => m.GetProperty("approvalId").GetInt64() == south);
        Assert.DoesNotContain(heardByLegal.All, m => m.GetProperty("approvalId").GetInt64() == east || m.GetProperty("approvalId").GetInt64() == south);
    }

    private async Task<long> File(NewApprovalRequest request) => (await Book.File(request, Cancellation)).Request.ApprovalId;

    private static NewApprovalRequest Contract(string region, string department, string requestedBy = DemoLogins.Sh001Rep) => new(
        ApprovalKinds.ContractEntry, $"opp-api-{Interlocked.Increment(ref _serial)}-{Guid.NewGuid():N}"[..24], [ChainRoles.SalesDirector], requestedBy,
        DateTimeOffset.UtcNow.AddDays(1), DepartmentId: department, RegionId: region, Amount: 880_000m,
        SummaryJson: """{"title":"Ward monitors, 40 beds","stage":"proposal","amount":880000}""");

    private static async Task Refused(HttpClient client, long approvalId, object body, HttpStatusCode status, string rule)
    {
        using var response = await client.PostAsJsonAsync($"/api/approvals/{approvalId}/decision", body, Cancellation);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
    }

    /// <summary>The approvals meter's refusals, by rule, as the command center counts them.</summary>
    private static MeterListener CountRefusals(List<string> rules)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ApprovalMetrics.MeterName && instrument.Name.EndsWith(".rejected", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "rule")
                {
                    lock (rules)
                    {
                        rules.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }
}
