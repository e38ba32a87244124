using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoreSales.Data.Approvals;
using StoreSales.Data.Customers;
using StoreSales.Data.Demo;
using StoreSales.Data.Opportunities;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>The demo's opportunities: every stage, some yellow and stalled, one above 500,000 waiting for the director; once.</summary>
public sealed class DemoOpportunitiesTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_has_an_opportunity_in_every_stage_some_stalled_and_one_waiting_for_the_director()
    {
        await using var database = await TestDatabase.Create("demoopps");
        var intake = new CustomerIntake(database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        foreach (var (rep, n) in DemoOpportunities.Reps.SelectMany(r => Enumerable.Range(1, 3).Select(n => (r, n))))
        {
            Assert.IsType<CustomerCreated>(await intake.Create(
                new NewCustomer(new CustomerIdentity(CustomerKind.Account, $"Demo hospital {rep} {n}"), rep, "dept-east-retail", DateOnly.FromDateTime(DateTime.UtcNow)), Cancellation));
        }

        var options = new OpportunityOptions();
        var approvals = new ApprovalBook(database.DataSource, [], TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new StoreSales.Domain.Approvals.ApprovalOptions()), NullLogger<ApprovalBook>.Instance);
        var now = DateTimeOffset.UtcNow;
        var seeded = await new DemoOpportunities(database.DataSource, options, approvals).Seed(now, Cancellation);
        var again = await new DemoOpportunities(database.DataSource, options, approvals).Seed(now, Cancellation);

        Assert.Equal(11, seeded.Count);
        Assert.Empty(again);
        var cards = await new OpportunityPipeline(database.DataSource, Options.Create(options), TimeProvider.System).OfTeam("dept-east-retail", 100, Cancellation);
        Assert.Equal(options.PathOf("medical-devices").Stages.Select(s => s.Name).Order(), cards.Select(c => c.Stage).Distinct().Order());
        Assert.True(cards.Count(c => c.Colour == AgeingColour.Stalled) >= 2);
        Assert.True(cards.Count(c => c.Colour == AgeingColour.Yellow) >= 2);
        var waiting = Assert.Single(cards, c => c.ApprovalPending);
        Assert.True(waiting.Amount > options.ContractApprovalAmount);

        // Every move past a gate rests on its documents, as a real move would.
        var facts = new PgOpportunityFacts(database.DataSource);
        foreach (var card in cards.Where(c => c.StageIndex >= 3))
        {
            var opportunity = (await facts.Read(card.OpportunityId, Cancellation))!;
            Assert.Equal(["meeting-minutes", "needs-confirmation-sheet"], opportunity.Evidence.Select(e => e.Requirement).Order());
            Assert.Equal(card.StageIndex + 1, opportunity.Moves.Length);
        }
    }
}
