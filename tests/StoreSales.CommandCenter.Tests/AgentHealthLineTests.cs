using Bunit;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Components.Boards;

namespace StoreSales.CommandCenter.Tests;

/// <summary>What the store manager learns about the store PC's agent: waiting sales, a filling disk, a wrong clock.</summary>
public sealed class AgentHealthLineTests : BoardComponentContext
{
    [Fact]
    public void A_healthy_agent_shows_only_its_queue()
    {
        var line = Render<AgentHealthLine>(p => p.Add(x => x.Agent, Health(skew: TimeSpan.FromSeconds(3), state: AgentHealth.OutboxOk)));

        Assert.Contains("12 sales waiting to upload", line.Find("[data-testid=outbox-depth]").TextContent, StringComparison.Ordinal);
        Assert.Empty(line.FindAll("[data-testid=clock-skew]"));
        Assert.Empty(line.FindAll("[data-testid=outbox-full]"));
    }

    [Fact]
    public void A_clock_past_the_alert_limit_and_a_nearly_full_outbox_are_said_in_words()
    {
        var line = Render<AgentHealthLine>(p => p
            .Add(x => x.Agent, Health(skew: TimeSpan.FromMinutes(-5), state: AgentHealth.OutboxNearFull))
            .Add(x => x.SkewAlertAfter, TimeSpan.FromMinutes(2)));

        Assert.Contains("clock off by -5:00", line.Find("[data-testid=clock-skew]").TextContent, StringComparison.Ordinal);
        Assert.Contains("85%", line.Find("[data-testid=outbox-full]").TextContent, StringComparison.Ordinal);
    }

    private static AgentHealth Health(TimeSpan skew, string state) =>
        new(skew, OutboxDepth: 12, OldestUnsentAge: TimeSpan.FromSeconds(40), OutboxBytes: 850, OutboxMaxBytes: 1000, state, RejectedCount: 0);
}
