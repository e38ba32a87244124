using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Credit;
using StoreSales.CommandCenter.Live;
using StoreSales.Data.Approvals;
using StoreSales.Data.Quotes;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Two command-center hosts on one chain: a held order released, or a quote's approval decided, on one host reaches the
/// open pages of the other (its order list and credit panel through <see cref="OrderNotices"/>, its quote page through
/// the approval notice naming the version), and two real SignalR clients, one on each host, hear the same decision.
/// </summary>
public sealed class LiveAcrossHostsTests(TwoCommandCentersFixture chain) : IClassFixture<TwoCommandCentersFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_release_decided_on_one_host_reaches_the_order_and_credit_pages_of_the_other()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "嘉兴安泰医疗器械有限公司", 500_000, 120_000);
        using var rep = await CreditStory.B2bRep(chain.CommandCenter);
        var order = await CreditStory.PlaceOrder(rep, $"SO-two-{customerId}", customerId, 20_000);
        Assert.Equal("held", order.GetProperty("status").GetString());
        var otherHost = new ConcurrentQueue<(string OrderId, string? CustomerId)>();
        var notices = chain.Other.Services.GetRequiredService<OrderNotices>();
        notices.OrderChanged += (id, customer) => otherHost.Enqueue((id, customer));
        await chain.Other.Services.GetRequiredService<ApprovalChangeListener>().Listening.WaitAsync(Cancellation);
        var decided = new ConcurrentQueue<ApprovalChange>();
        using var watch = chain.Other.Services.GetRequiredService<ApprovalChangeListener>().Watch(decided.Enqueue);

        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        using (var release = await finance.PostAsJsonAsync($"/api/approvals/{order.GetProperty("approvalId").GetInt64()}/decision", new { approve = true, reason = "paid this morning" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        await Eventually.Holds(() => decided.Any(c => c.SubjectId == $"SO-two-{customerId}" && c.Status == "approved"), "the other host heard the release", cancellationToken: Cancellation);
        var change = decided.First(c => c.SubjectId == $"SO-two-{customerId}" && c.Status == "approved");
        Assert.Equal((ApprovalKinds.OrderRelease, customerId), (change.Kind, change.CustomerId));
        await Eventually.Holds(() => otherHost.Contains(($"SO-two-{customerId}", customerId)), "the other host's order pages were told", cancellationToken: Cancellation);
    }

    [Fact]
    public async Task A_quote_decision_on_one_host_names_its_version_to_the_other_and_both_hosts_hubs_tell_their_inboxes()
    {
        await using var onThis = await chain.CommandCenter.CreateSignedInHubConnection(CreditStory.Finance);
        await using var onOther = await chain.Other.CreateSignedInHubConnection(CreditStory.Finance);
        var heardHere = HubInbox.Of(onThis, "ApprovalChanged");
        var heardThere = HubInbox.Of(onOther, "ApprovalChanged");
        await onThis.StartAsync(Cancellation);
        await onOther.StartAsync(Cancellation);
        await onThis.InvokeAsync("JoinApprovals", Cancellation);
        await onOther.InvokeAsync("JoinApprovals", Cancellation);
        await chain.CommandCenter.Services.GetRequiredService<ApprovalChangeListener>().Listening.WaitAsync(Cancellation);
        await chain.Other.Services.GetRequiredService<ApprovalChangeListener>().Listening.WaitAsync(Cancellation);
        var decided = new ConcurrentQueue<ApprovalChange>();
        using var watch = chain.Other.Services.GetRequiredService<ApprovalChangeListener>().Watch(decided.Enqueue);
        var subject = QuoteVersionView.SubjectOf($"Q-2026-{Random.Shared.Next(900_000, 999_999)}", 1);
        var filed = await chain.CommandCenter.Services.GetRequiredService<ApprovalBook>().File(
            new NewApprovalRequest(ApprovalKinds.Quote, subject, [ChainRoles.Legal, ChainRoles.Finance], DemoLogins.Sh001Rep, DateTimeOffset.UtcNow.AddDays(1), RegionId: "region-east"),
            Cancellation);
        var id = filed.Request.ApprovalId;

        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        using (var decision = await finance.PostAsJsonAsync($"/api/approvals/{id}/decision", new { approve = false, reason = "margin too thin" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        }

        await heardHere.Heard(m => m.GetProperty("approvalId").GetInt64() == id && m.GetProperty("status").GetString() == "rejected");
        await heardThere.Heard(m => m.GetProperty("approvalId").GetInt64() == id && m.GetProperty("status").GetString() == "rejected");
        await Eventually.Holds(() => decided.Any(c => c.ApprovalId == id && c.Status == "rejected"), "the other host's quote page heard the decision", cancellationToken: Cancellation);
        Assert.Equal(subject, decided.First(c => c.ApprovalId == id && c.Status == "rejected").SubjectId);
    }
}
