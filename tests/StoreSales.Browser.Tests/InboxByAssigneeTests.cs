using StoreSales.Abstractions.Interventions;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Domain.Interventions;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// Alerts reach the people they are assigned to (docs/domain.md "Who is told"): finance finds an overdue instalment
/// (which names no region) in their inbox and acknowledges it; a notification's deep link opens the inbox on its alert,
/// and a link to an alert that is not theirs says so, like an unknown one.
/// </summary>
public sealed class InboxByAssigneeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Finance_sees_an_overdue_instalment_in_the_inbox_and_acknowledges_it()
    {
        var alert = await Raise("C-BROWSER-1-1", "finance");
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Finance);

        var inbox = await new InboxPage(session).Open();
        var card = inbox.Alert(alert.AlertId);
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator("[data-testid=assignee]")).ToHaveTextAsync("Assignee: Finance");
        await InboxPage.Acknowledge(card);

        await Expect(InboxPage.Status(card)).ToHaveAttributeAsync("data-status", "Acknowledged");
        await session.Screenshots.Take("finance-instalment-acknowledged");
        var kept = await fixture.Silo.Grains().GetGrain<IInterventionGrain>(alert.AlertId.Split('#')[0]).GetCurrent();
        Assert.Equal(InterventionStatus.Acknowledged, kept!.Status);
        Assert.Equal(DemoStaff.Finance.UserName, kept.History[^1].By);
    }

    [Fact]
    public async Task A_deep_link_opens_the_inbox_on_its_alert_even_once_resolved()
    {
        for (var i = 0; i < 12; i++)
        {
            await Raise($"C-BROWSER-LINK-{i:D2}", "finance"); // a full inbox: the linked alert is not the newest
        }

        var linked = await Raise("C-BROWSER-LINK-XX", "finance");
        await fixture.Silo.Grains().GetGrain<IInterventionGrain>(linked.AlertId.Split('#')[0]).Act(InterventionAction.Acknowledge, "finance", null);
        await fixture.Silo.Grains().GetGrain<IInterventionGrain>(linked.AlertId.Split('#')[0]).Act(InterventionAction.Resolve, "finance", "paid on 5 December");
        for (var i = 12; i < 15; i++)
        {
            await Raise($"C-BROWSER-LINK-{i:D2}", "finance");
        }

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Finance);
        var inbox = await new InboxPage(session).OpenAt(linked.AlertId);

        // Resolved, and "open only" is on: the link still shows it, first, highlighted and in view.
        var card = inbox.Alert(linked.AlertId);
        await Expect(card).ToHaveAttributeAsync("data-selected", "true");
        await Expect(inbox.Alerts.First).ToHaveAttributeAsync("data-alert", linked.AlertId);
        await Expect(card).ToBeInViewportAsync();
        await Expect(InboxPage.Status(card)).ToHaveAttributeAsync("data-status", "Resolved");
        await Expect(inbox.LinkMissing).ToHaveCountAsync(0);
        await session.Screenshots.Take("deep-link-opens-alert");
    }

    [Fact]
    public async Task A_deep_link_to_an_alert_that_is_not_yours_reads_like_an_unknown_one()
    {
        var repsAlert = await Raise("C-BROWSER-REP-1", "rep:rep-sh001-02");
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001); // rep-sh001-01: not theirs

        var inbox = await new InboxPage(session).OpenAt(repsAlert.AlertId);
        await Expect(inbox.LinkMissing).ToContainTextAsync($"The alert {repsAlert.AlertId} is not in your inbox");
        await Expect(inbox.Alert(repsAlert.AlertId)).ToHaveCountAsync(0);
        var missingText = await inbox.LinkMissing.InnerTextAsync();

        await inbox.OpenAt("C-NOBODY/instalment-overdue#1");
        await Expect(inbox.LinkMissing).ToHaveTextAsync(missingText.Replace(repsAlert.AlertId, "C-NOBODY/instalment-overdue#1", StringComparison.Ordinal));
    }

    private Task<Intervention> Raise(string instalment, string assignee) =>
        fixture.Silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(instalment, "instalment-overdue", assignee)).Raise(
            new InterventionSubject("instalment", instalment, null, null),
            new InterventionEvidence($"Instalment {instalment}: 12,000.00 open, due 1 December", 12_000m, null, null, DateTimeOffset.UtcNow),
            "medium",
            assignee);
}
