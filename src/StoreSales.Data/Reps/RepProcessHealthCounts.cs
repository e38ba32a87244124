using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.Reps;

/// <summary>
/// Rep process health's counts for a week (docs/domain.md, "Rep process health"), set-based for any number of reps at
/// once: three grouped statements in one round trip, each classifying its items as <see cref="RepProcessHealth"/>
/// does (the integration tests hold the two to the same edges). Items still pending (a lead whose 24 hours have not
/// run out unanswered, a follow-up not due yet) are not counted. The verdicts are the Domain's, not SQL's.
/// </summary>
/// <remarks>
/// Profiles are counted as they are now for the customers each rep owns now and had by the week's end (created before
/// it): ownership and profile fields have no history yet, so a past week's completeness is today's view of it.
/// </remarks>
public sealed class RepProcessHealthCounts(NpgsqlDataSource dataSource, IOptions<ProcessHealthOptions> options, IOptions<ChainCalendarOptions> calendar)
{
    // The columns that fill each profile field; the bit is the field's ProfileFields value, so SQL and Domain share one set.
    private static readonly (ProfileFields Field, string Filled)[] FieldColumns =
    [
        (ProfileFields.Name, "btrim(c.display_name) <> ''"),
        (ProfileFields.Phone, "coalesce(btrim(c.phone), '') <> ''"),
        (ProfileFields.Address, "coalesce(btrim(c.address), '') <> ''"),
        (ProfileFields.Birthday, "c.birthday IS NOT NULL"),
        (ProfileFields.Industry, "coalesce(btrim(c.industry), '') <> ''"),
        (ProfileFields.CreditCode, "coalesce(btrim(c.credit_code), '') <> ''"),
        (ProfileFields.ContactPerson, "coalesce(btrim(c.contact_person), '') <> ''"),
        (ProfileFields.ServicePeriod, "c.service_from IS NOT NULL"),
    ];

    private static readonly string Filled = string.Join(" | ", FieldColumns.Select(f => $"(CASE WHEN {f.Filled} THEN {(int)f.Field} ELSE 0 END)"));

    private static readonly string Sql =
        $"""
        SELECT rep_id AS RepId,
               count(*) FILTER (WHERE first_contact_at IS NOT NULL OR assigned_at + @within <= @now)::integer AS Due,
               count(*) FILTER (WHERE first_contact_at < assigned_at + @within)::integer AS Done
        FROM lead
        WHERE rep_id = ANY(@reps) AND assigned_at >= @leadsFrom AND assigned_at < @leadsUntil
        GROUP BY rep_id;

        SELECT rep_id AS RepId,
               count(*) FILTER (WHERE (next_action_done_at AT TIME ZONE @zone)::date <= next_action_due OR @today::date > next_action_due)::integer AS Due,
               count(*) FILTER (WHERE (next_action_done_at AT TIME ZONE @zone)::date <= next_action_due)::integer AS Done
        FROM interaction
        WHERE rep_id = ANY(@reps) AND next_action_due IS NOT NULL AND next_action_due BETWEEN @weekStart::date AND @weekEnd::date
        GROUP BY rep_id;

        SELECT c.owner_rep_id AS RepId,
               count(*)::integer AS Due,
               count(*) FILTER (WHERE (({Filled}) & CASE WHEN c.kind = 'account' THEN @accountFields ELSE @memberFields END)
                                      = CASE WHEN c.kind = 'account' THEN @accountFields ELSE @memberFields END)::integer AS Done
        FROM customer c
        WHERE c.owner_rep_id = ANY(@reps) AND c.merged_into IS NULL AND c.created_at < @weekUntil
          AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at IS NULL)
        GROUP BY c.owner_rep_id;
        """;

    /// <summary>Each rep's counts for the week starting <paramref name="weekStart"/> (a Monday) as they stand at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyDictionary<string, ProcessHealthCounts>> Of(IReadOnlyCollection<string> repIds, DateOnly weekStart, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var zone = calendar.Value.Zone();
        var weekFrom = ChainCalendar.StartOf(weekStart, zone);
        var weekUntil = ChainCalendar.StartOf(weekStart.AddDays(7), zone);
        var parameters = new
        {
            reps = repIds.ToArray(),
            within = settings.LeadResponseWithin,
            now = now.UtcDateTime,
            // A lead counts in the week its window closes: assigned_at + within in [weekFrom, weekUntil).
            leadsFrom = (weekFrom - settings.LeadResponseWithin).UtcDateTime,
            leadsUntil = (weekUntil - settings.LeadResponseWithin).UtcDateTime,
            zone = calendar.Value.TimeZone,
            today = ChainCalendar.DateOf(now, zone).ToDateTime(TimeOnly.MinValue),
            weekStart = weekStart.ToDateTime(TimeOnly.MinValue),
            weekEnd = weekStart.AddDays(6).ToDateTime(TimeOnly.MinValue),
            // Profiles at the week's end, or now while the week is under way.
            weekUntil = (now < weekUntil ? now : weekUntil).UtcDateTime,
            memberFields = (int)settings.MemberProfileFields,
            accountFields = (int)settings.AccountProfileFields,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));
        var leads = (await results.ReadAsync<Tally>()).ToDictionary(t => t.RepId, StringComparer.Ordinal);
        var followUps = (await results.ReadAsync<Tally>()).ToDictionary(t => t.RepId, StringComparer.Ordinal);
        var profiles = (await results.ReadAsync<Tally>()).ToDictionary(t => t.RepId, StringComparer.Ordinal);

        return repIds.Distinct(StringComparer.Ordinal).ToDictionary(
            rep => rep,
            rep => new ProcessHealthCounts(
                leads.GetValueOrDefault(rep)?.Due ?? 0,
                leads.GetValueOrDefault(rep)?.Done ?? 0,
                followUps.GetValueOrDefault(rep)?.Due ?? 0,
                followUps.GetValueOrDefault(rep)?.Done ?? 0,
                profiles.GetValueOrDefault(rep)?.Due ?? 0,
                profiles.GetValueOrDefault(rep)?.Done ?? 0),
            StringComparer.Ordinal);
    }

    /// <summary>The reps of a team: its department's, and for a store's own team (the department named by a store id) the store's reps.</summary>
    public async Task<IReadOnlyList<TeamRep>> TeamOf(string departmentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var reps = await connection.QueryAsync<TeamRep>(new CommandDefinition(
            """
            SELECT r.rep_id AS RepId, r.store_id AS StoreId, s.region_id AS RegionId
            FROM rep r JOIN store s ON s.store_id = r.store_id
            WHERE r.department_id = @departmentId OR r.store_id = @departmentId
            ORDER BY r.rep_id
            """,
            new { departmentId },
            cancellationToken: cancellationToken));
        return reps.AsList();
    }

    private sealed record Tally(string RepId, int Due, int Done);
}

/// <summary>A rep of a team, with where they work (who may see the team's figures depends on it).</summary>
public sealed record TeamRep(string RepId, string StoreId, string RegionId);
