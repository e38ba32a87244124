using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Data.Reps;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Rep process health's weekly counts on a real PostgreSQL, at their edges, against the Domain's classification
/// (<see cref="RepProcessHealth"/>): week 2026-W49, Monday 30 November to Sunday 6 December, Shanghai.
/// </summary>
public sealed class RepProcessHealthCountsTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateTimeOffset AfterTheWeek = At(2026, 12, 8, 10, 0);
    private static readonly ProcessHealthOptions Options = new();

    private TestDatabase _database = null!;
    private RepProcessHealthCounts _counts = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("processhealth", seedDemo: false);
        _counts = new RepProcessHealthCounts(_database.DataSource, Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(new ChainCalendarOptions()));
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Leads of rep-a: assigned at, first contact after (null: none).</summary>
    private static readonly (DateTimeOffset Assigned, TimeSpan? ContactedAfter, string Why)[] Leads =
    [
        (At(2026, 12, 1, 9, 0), new TimeSpan(23, 59, 0), "answered at 23:59: in time"),
        (At(2026, 12, 1, 10, 0), TimeSpan.FromHours(24), "answered at 24:00: late"),
        (At(2026, 12, 2, 9, 0), null, "never answered, window closed: late"),
        (At(2026, 11, 29, 8, 0), TimeSpan.FromHours(1), "assigned the Sunday before, window closes Monday 08:00: this week, in time"),
        (At(2026, 11, 29, 0, 0), null, "window closed Monday 00:00 exactly: this week, late"),
        (At(2026, 11, 28, 10, 0), TimeSpan.FromHours(2), "window closed the Sunday before: last week"),
        (At(2026, 12, 6, 12, 0), null, "window closes next Monday: next week"),
    ];

    /// <summary>Follow-ups of rep-a: due date, done at (null: not done).</summary>
    private static readonly (DateOnly Due, DateTimeOffset? Done, string Why)[] FollowUps =
    [
        (new DateOnly(2026, 12, 3), At(2026, 12, 3, 23, 59), "done on its due date at 23:59: in time"),
        (new DateOnly(2026, 12, 3), At(2026, 12, 4, 0, 0), "done the next day at 00:00: late"),
        (new DateOnly(2026, 12, 5), null, "not done, due date past: late"),
        (new DateOnly(2026, 12, 6), At(2026, 12, 1, 12, 0), "done early: in time"),
        (new DateOnly(2026, 12, 7), null, "due next week"),
        (new DateOnly(2026, 11, 29), null, "due last week"),
    ];

    [Fact]
    public async Task Leads_and_follow_ups_count_in_the_week_their_window_closes_or_they_fall_due_as_the_domain_classifies_them()
    {
        await SeedLeadsAndFollowUps();

        var week = (await _counts.Of(["rep-a", "rep-b", "rep-none"], Monday, AfterTheWeek, Cancellation));

        var (leadsDue, leadsInTime) = ExpectedLeads(AfterTheWeek);
        var (followUpsDue, followUpsClosed) = ExpectedFollowUps(AfterTheWeek);
        Assert.Equal((5, 2), (leadsDue, leadsInTime));           // the table reaches both sides of every edge
        Assert.Equal((4, 2), (followUpsDue, followUpsClosed));
        Assert.Equal(new ProcessHealthCounts(leadsDue, leadsInTime, followUpsDue, followUpsClosed, 0, 0), week["rep-a"]);
        Assert.Equal(new ProcessHealthCounts(0, 0, 1, 1, 0, 0), week["rep-b"]);
        Assert.Equal(ProcessHealthCounts.Zero, week["rep-none"]);
    }

    [Fact]
    public async Task Mid_week_an_item_not_due_yet_is_not_counted()
    {
        await SeedLeadsAndFollowUps();
        var wednesdayNoon = At(2026, 12, 2, 12, 0);

        var week = (await _counts.Of(["rep-a"], Monday, wednesdayNoon, Cancellation))["rep-a"];

        var (leadsDue, leadsInTime) = ExpectedLeads(wednesdayNoon);
        var (followUpsDue, followUpsClosed) = ExpectedFollowUps(wednesdayNoon);
        Assert.Equal((4, 2), (leadsDue, leadsInTime));          // the lead of Wednesday 09:00 is not due yet
        Assert.Equal((2, 2), (followUpsDue, followUpsClosed));  // the two done by their due date count; the others are not due yet
        Assert.Equal(new ProcessHealthCounts(leadsDue, leadsInTime, followUpsDue, followUpsClosed, 0, 0), week);
    }

    [Fact]
    public async Task Profiles_count_complete_only_with_every_configured_field_for_the_customers_owned_at_the_weeks_end()
    {
        var all = ProfileFields.Name | ProfileFields.Phone | ProfileFields.Address | ProfileFields.Industry | ProfileFields.CreditCode | ProfileFields.ContactPerson;
        (string Id, CustomerKind Kind, ProfileFields Filled, string? Extra)[] customers =
        [
            ("p-member-complete", CustomerKind.Member, ProfileFields.Name | ProfileFields.Phone, null),
            ("p-member-no-phone", CustomerKind.Member, ProfileFields.Name | ProfileFields.Address, null),
            ("p-account-complete", CustomerKind.Account, all, null),
            ("p-account-no-contact", CustomerKind.Account, all & ~ProfileFields.ContactPerson, null),
            ("p-merged", CustomerKind.Member, ProfileFields.Name | ProfileFields.Phone, "merged"),
            ("p-in-pool", CustomerKind.Member, ProfileFields.Name | ProfileFields.Phone, "pool"),
            ("p-created-after", CustomerKind.Member, ProfileFields.Name | ProfileFields.Phone, "late"),
        ];
        foreach (var (id, kind, filled, extra) in customers)
        {
            await Execute(
                """
                INSERT INTO customer (customer_id, kind, display_name, normalized_name, phone, credit_code, address, industry, contact_person,
                                      owner_rep_id, department_id, service_from, created_at, updated_at)
                VALUES (@id, @kind, @id, upper(@id), @phone, @creditCode, @address, @industry, @contact, 'rep-a', 'dept-a', '2026-01-01', @created, @created)
                """,
                new
                {
                    id,
                    kind = kind == CustomerKind.Account ? "account" : "member",
                    phone = filled.HasFlag(ProfileFields.Phone) ? "+8613800138000" : null,
                    creditCode = filled.HasFlag(ProfileFields.CreditCode) ? "91350100M000100Y43" : null,
                    address = filled.HasFlag(ProfileFields.Address) ? "1 Nanjing Road" : null,
                    industry = filled.HasFlag(ProfileFields.Industry) ? "retail" : null,
                    contact = filled.HasFlag(ProfileFields.ContactPerson) ? "Ms Li" : " ",
                    created = (extra == "late" ? At(2026, 12, 7, 0, 0) : At(2026, 1, 1, 0, 0)).UtcDateTime,
                });
        }

        await Execute("UPDATE customer SET merged_into = 'p-member-complete' WHERE customer_id = 'p-merged'");
        await Execute("INSERT INTO pool_entry (customer_id, released_at, released_from_rep_id, reason) VALUES ('p-in-pool', '2026-11-01', 'rep-a', 'dormant')");

        var week = (await _counts.Of(["rep-a"], Monday, AfterTheWeek, Cancellation))["rep-a"];

        var counted = customers.Where(c => c.Extra is null).ToList();
        Assert.Equal(counted.Count, week.Customers);
        Assert.Equal(counted.Count(c => RepProcessHealth.IsProfileComplete(c.Filled, c.Kind, Options)), week.CompleteProfiles);
        Assert.Equal((4, 2), (week.Customers, week.CompleteProfiles));
    }

    [Fact]
    public async Task A_team_is_its_departments_reps_and_a_stores_own_team_its_reps()
    {
        await Execute(
            """
            INSERT INTO region (region_id, name) VALUES ('region-east', 'East'), ('region-south', 'South');
            INSERT INTO store (store_id, name, region_id, time_zone, opens, closes) VALUES
                ('store-sh001', 'SH1', 'region-east', 'Asia/Shanghai', '08:00', '22:00'),
                ('store-sz001', 'SZ1', 'region-south', 'Asia/Shanghai', '08:00', '22:00');
            INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES
                ('rep-1', 'One', 'store-sh001', 'dept-east', 'senior'),
                ('rep-2', 'Two', 'store-sh001', 'dept-b2b', 'senior'),
                ('rep-3', 'Three', 'store-sz001', 'dept-b2b', 'senior');
            """);

        var b2b = await _counts.TeamOf("dept-b2b", Cancellation);
        var store = await _counts.TeamOf("store-sh001", Cancellation);
        var none = await _counts.TeamOf("dept-nobody", Cancellation);

        Assert.Equal([new TeamRep("rep-2", "store-sh001", "region-east"), new TeamRep("rep-3", "store-sz001", "region-south")], b2b);
        Assert.Equal(["rep-1", "rep-2"], store.Select(r => r.RepId));
        Assert.Empty(none);
    }

    private static (int Due, int InTime) ExpectedLeads(DateTimeOffset now)
    {
        var weekFrom = ChainCalendar.StartOf(Monday, Zone);
        var weekUntil = ChainCalendar.StartOf(Monday.AddDays(7), Zone);
        var progress = Leads
            .Where(l => l.Assigned + Options.LeadResponseWithin >= weekFrom && l.Assigned + Options.LeadResponseWithin < weekUntil)
            .Select(l => RepProcessHealth.LeadResponse(l.Assigned, l.Assigned + l.ContactedAfter, now, Options))
            .Where(p => p != ItemProgress.Pending)
            .ToList();
        return (progress.Count, progress.Count(p => p == ItemProgress.InTime));
    }

    private static (int Due, int Closed) ExpectedFollowUps(DateTimeOffset now)
    {
        var progress = FollowUps
            .Where(f => f.Due >= Monday && f.Due <= Monday.AddDays(6))
            .Select(f => RepProcessHealth.FollowUp(f.Due, f.Done, now, Zone))
            .Where(p => p != ItemProgress.Pending)
            .ToList();
        return (progress.Count, progress.Count(p => p == ItemProgress.InTime));
    }

    private async Task SeedLeadsAndFollowUps()
    {
        // A customer per lead: a customer has one open lead at a time. Owned by another rep, so no profile counts for rep-a.
        await Execute(
            $"""
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            SELECT 'c-' || n, 'member', 'C' || n, 'C' || n, 'rep-other', 'dept-a', '2026-01-01', '2026-01-01', '2026-01-01' FROM generate_series(1, {Leads.Length}) n
            """);
        foreach (var (lead, i) in Leads.Select((l, i) => (l, i + 1)))
        {
            await Execute(
                "INSERT INTO lead (customer_id, rep_id, assigned_at, first_contact_at) VALUES ('c-' || @i, 'rep-a', @assigned, @contacted)",
                new { i, assigned = lead.Assigned.UtcDateTime, contacted = (lead.Assigned + lead.ContactedAfter)?.UtcDateTime });
        }

        foreach (var (due, done, _) in FollowUps)
        {
            await Execute(
                "INSERT INTO interaction (customer_id, rep_id, kind, at, next_action, next_action_due, next_action_done_at) VALUES ('c-1', 'rep-a', 'call', '2026-11-20', 'call back', @due::date, @done)",
                new { due = due.ToDateTime(TimeOnly.MinValue), done = done?.UtcDateTime });
        }

        await Execute("INSERT INTO interaction (customer_id, rep_id, kind, at, next_action, next_action_due, next_action_done_at) VALUES ('c-1', 'rep-b', 'visit', '2026-11-20', 'send offer', '2026-12-03', '2026-12-02T03:00:00Z')");
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private async Task Execute(string sql, object? parameters = null)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(sql, parameters);
    }
}
