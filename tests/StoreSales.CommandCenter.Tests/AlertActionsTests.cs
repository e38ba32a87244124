using System.Collections.Immutable;
using Bunit;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Components.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.CommandCenter.Tests;

/// <summary>The supervisor's buttons follow the alert's lifecycle: open → acknowledged → in progress → resolved.</summary>
public sealed class AlertActionsTests : BoardComponentContext
{
    [Theory]
    [InlineData(InterventionStatus.Open, new[] { "acknowledge", "start", "resolve" })]
    [InlineData(InterventionStatus.Escalated, new[] { "acknowledge", "start", "resolve" })]
    [InlineData(InterventionStatus.Acknowledged, new[] { "start", "resolve" })]
    [InlineData(InterventionStatus.InProgress, new[] { "resolve" })]
    [InlineData(InterventionStatus.Resolved, new string[0])]
    public void Each_state_offers_exactly_its_next_steps(InterventionStatus status, string[] buttons)
    {
        var actions = Render<AlertActions>(p => p.Add(x => x.Alert, Alert(status)));

        var shown = actions.FindAll("button[data-testid]").Select(b => b.GetAttribute("data-testid")).ToArray();

        Assert.Equal(buttons, shown);
    }

    [Fact]
    public void Resolve_waits_for_an_outcome_and_then_hands_it_over()
    {
        (InterventionAction Action, string? Note)? acted = null;
        var actions = Render<AlertActions>(p => p
            .Add(x => x.Alert, Alert(InterventionStatus.InProgress))
            .Add(x => x.OnAct, ((InterventionAction Action, string? Note) a) => acted = a));

        Assert.True(actions.Find("button[data-testid=resolve]").HasAttribute("disabled"));
        actions.Find("input[data-testid=outcome], [data-testid=outcome] input").Input("re-opened till 2, manager briefed");
        actions.WaitForAssertion(() => Assert.False(actions.Find("button[data-testid=resolve]").HasAttribute("disabled")));
        actions.Find("button[data-testid=resolve]").Click();

        Assert.Equal((InterventionAction.Resolve, "re-opened till 2, manager briefed"), acted);
    }

    [Fact]
    public void Acknowledge_hands_over_the_action()
    {
        (InterventionAction Action, string? Note)? acted = null;
        var actions = Render<AlertActions>(p => p
            .Add(x => x.Alert, Alert(InterventionStatus.Open))
            .Add(x => x.OnAct, ((InterventionAction Action, string? Note) a) => acted = a));

        actions.Find("button[data-testid=acknowledge]").Click();

        Assert.Equal(InterventionAction.Acknowledge, acted?.Action);
    }

    private static AlertCard Alert(InterventionStatus status) => new(
        "store-sh001/day-behind#1", "day-behind", "store", "store-sh001", "store-sh001", "region-east", "high", "supervisor:region-east",
        status, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null,
        new InterventionEvidence("today 8,000 against 10,000", 8_000m, 10_000m, -0.2m, DateTimeOffset.UtcNow), ImmutableArray<InterventionStep>.Empty);
}
