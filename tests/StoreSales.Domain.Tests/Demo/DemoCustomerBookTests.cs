using StoreSales.Domain.Demo.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Domain.Tests.SalesForce;

namespace StoreSales.Domain.Tests.Demo;

/// <summary>
/// The demo's customers stand where the demo promises (issue 8: "a lead at 47 h, customers at 29/44/179 days"), judged
/// by the rules themselves: what DormancyRule and GoldenHoursRule say of each at demo start and a day (an hour) later.
/// </summary>
public sealed class DemoCustomerBookTests
{
    private static readonly DormancyOptions Dormancy = new();
    private static readonly GoldenHoursOptions GoldenHours = new();
    private static readonly CustomerIdentityOptions Identity = new();

    private static readonly DemoRepSeat[] Reps =
    [
        new("rep-sh001-01", "dept-east-retail", CustomerKind.Member),
        new("rep-sh001-02", "dept-east-retail", CustomerKind.Member),
        new("rep-sh001-b2b-01", "dept-east-b2b", CustomerKind.Account),
    ];

    // Late evening in Shanghai: "today" is nearly over, the case where a careless "N days ago" lands on the wrong date.
    private static readonly DateTimeOffset Start = ChainTime.At(2026, 12, 5, 23, 40);

    private static IReadOnlyList<DemoCustomer> Make(int count = 600, DormancyOptions? dormancy = null) =>
        new DemoCustomerBook(dormancy ?? Dormancy, GoldenHours, ChainTime.Zone).Make(Reps, count, Start, DemoCustomerBook.Seed);

    [Fact]
    public void Every_rep_has_a_customer_in_every_rule_state()
    {
        var customers = Make();

        foreach (var rep in Reps)
        {
            var states = customers.Where(c => c.OwnerRepId == rep.RepId).Select(c => c.State).ToHashSet();
            Assert.Equal(Enum.GetValues<DemoCustomerState>().ToHashSet(), states);
        }
    }

    [Theory]
    [InlineData(DemoCustomerState.Active, DormancyState.Active, DormancyState.Active)]
    [InlineData(DemoCustomerState.FollowUpTomorrow, DormancyState.Active, DormancyState.FollowUpDue)]
    [InlineData(DemoCustomerState.FollowUpDue, DormancyState.FollowUpDue, DormancyState.FollowUpDue)]
    [InlineData(DemoCustomerState.ReleaseTomorrow, DormancyState.FollowUpDue, DormancyState.ReleasedToPool)]
    [InlineData(DemoCustomerState.Released, DormancyState.ReleasedToPool, DormancyState.ReleasedToPool)]
    [InlineData(DemoCustomerState.DormantTomorrow, DormancyState.ReleasedToPool, DormancyState.Dormant)]
    [InlineData(DemoCustomerState.Dormant, DormancyState.Dormant, DormancyState.Dormant)]
    public void Customers_stand_where_the_dormancy_rule_puts_them_now_and_tomorrow(DemoCustomerState state, DormancyState now, DormancyState tomorrow)
    {
        foreach (var customer in Make().Where(c => c.State == state))
        {
            var activity = new CustomerActivity(customer.Kind, customer.CreatedAt, customer.Interactions.Max(i => i.At), null);
            Assert.Equal(now, DormancyRule.Evaluate(activity, Start, ChainTime.Zone, Dormancy).State);
            var startOfTomorrow = ChainTime.At(2026, 12, 6);
            Assert.Equal(tomorrow, DormancyRule.Evaluate(activity, startOfTomorrow, ChainTime.Zone, Dormancy).State);
        }
    }

    [Fact]
    public void The_thresholds_follow_the_chains_configuration()
    {
        var shorter = new DormancyOptions { FollowUpAfterDays = 10, ReleaseToPoolAfterDays = 20, DormantAfterDays = 60 };

        var customer = Make(dormancy: shorter).First(c => c.State == DemoCustomerState.ReleaseTomorrow);

        var activity = new CustomerActivity(customer.Kind, customer.CreatedAt, customer.Interactions.Max(i => i.At), null);
        Assert.Equal(19, DormancyRule.Evaluate(activity, Start, ChainTime.Zone, shorter).IdleDays);
    }

    [Fact]
    public void The_almost_overdue_lead_turns_overdue_an_hour_into_the_demo_and_the_fresh_one_does_not()
    {
        var customers = Make();

        foreach (var lead in customers.Where(c => c.State == DemoCustomerState.LeadAlmostOverdue))
        {
            Assert.Empty(lead.Interactions);
            Assert.Equal(LeadContactStatus.Waiting, GoldenHoursRule.Evaluate(lead.OpenLeadAssignedAt!.Value, null, Start.AddMinutes(59), GoldenHours).Status);
            Assert.Equal(LeadContactStatus.Overdue, GoldenHoursRule.Evaluate(lead.OpenLeadAssignedAt!.Value, null, Start.AddHours(1), GoldenHours).Status);
        }

        Assert.All(
            customers.Where(c => c.State == DemoCustomerState.LeadFresh),
            lead => Assert.Equal(LeadContactStatus.Waiting, GoldenHoursRule.Evaluate(lead.OpenLeadAssignedAt!.Value, null, Start.AddHours(1), GoldenHours).Status));
        Assert.All(customers.Where(c => c.OpenLeadAssignedAt is null), c => Assert.NotEmpty(c.Interactions));
    }

    [Fact]
    public void Every_customer_is_valid_and_holds_keys_no_other_holds()
    {
        var customers = Make(3_000);

        var keys = customers.Select(c => CustomerKeys.Of(c.Identity, Identity)).ToList();

        Assert.All(keys, k => Assert.True(k.IsValid, string.Join("; ", k.Failures)));
        var all = keys.SelectMany(k => k.Keys.Select(key => key.Text)).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(customers.Where(c => c.Kind == CustomerKind.Account), c => Assert.Null(c.MemberCode));
        Assert.All(customers.Where(c => c.Kind == CustomerKind.Member), c => Assert.Null(c.CreditCode));
    }

    [Fact]
    public void Nothing_happened_after_the_demo_starts_and_histories_run_forward()
    {
        foreach (var customer in Make())
        {
            Assert.True(customer.CreatedAt <= Start);
            Assert.All(customer.Interactions, i => Assert.InRange(i.At, customer.CreatedAt, Start));
            Assert.Equal(customer.Interactions.OrderBy(i => i.At), customer.Interactions);
        }
    }

    [Fact]
    public void Member_codes_are_the_ones_the_simulated_tills_draw()
    {
        var codes = Make().Where(c => c.MemberCode is not null).Select(c => c.MemberCode!).ToList();

        Assert.Contains(DemoMembers.Code(0), codes);
        var random = new Random(7);
        var drawn = Enumerable.Range(0, 20_000).Select(_ => DemoMembers.Draw(random)).ToHashSet();
        Assert.All(drawn, code => Assert.Matches("^M1000[0-9]{4}$", code));
        Assert.True(drawn.Intersect(codes).Any(), "the tills draw some of the demo's members");
        Assert.True(drawn.Except(codes).Any(), "and some members the chain does not know");
    }
}
