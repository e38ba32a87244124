using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Reps;

/// <summary>
/// What a rep's board lists of the rep's customers: the open leads (their golden 48 hours run) and the customers due for
/// follow-up (docs/domain.md "Golden 48 hours", "Dormant customers"). Read set-based from the customer tables; the
/// follow-up verdict is <see cref="DormancyRule"/>'s, on the activity SQL reads.
/// </summary>
public sealed class RepCustomerBoard(NpgsqlDataSource dataSource, IOptions<DormancyOptions> dormancy, IOptions<ChainCalendarOptions> calendar)
{
    /// <summary>The rep's leads without a first contact, oldest assignment first (the most urgent at the top).</summary>
    public async Task<IReadOnlyList<OpenLead>> OpenLeads(string repId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long LeadId, string CustomerId, string DisplayName, string DepartmentId, DateTime AssignedAt)>(new CommandDefinition(
            """
            SELECT l.lead_id, l.customer_id, c.display_name, c.department_id, l.assigned_at
            FROM lead l
            JOIN customer c ON c.customer_id = l.customer_id AND c.merged_into IS NULL
            WHERE l.rep_id = @repId AND l.first_contact_at IS NULL
            ORDER BY l.assigned_at, l.lead_id
            """,
            new { repId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new OpenLead(r.LeadId, r.CustomerId, r.DisplayName, r.DepartmentId, LedgerTime.Utc(r.AssignedAt))).ToList();
    }

    /// <summary>
    /// The rep's customers (not in the pool) whose last activity is <c>SalesForce:Dormancy:FollowUpAfterDays</c> calendar
    /// days old or more at <paramref name="now"/>, longest idle first, at most <paramref name="limit"/>.
    /// </summary>
    /// <remarks>
    /// SQL narrows to customers with no contact, assignment or claim since the follow-up cut-off (the first moment of
    /// today − (N − 1), as the pool's release computes it), and reads their activity; <see cref="DormancyRule"/> then
    /// decides on it, purchases included (a purchase can only make a customer more active, so the narrowing never drops
    /// one the rule would list).
    /// </remarks>
    public async Task<IReadOnlyList<FollowUpDue>> FollowUpsDue(string repId, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var options = dormancy.Value;
        var zone = calendar.Value.Zone();
        var today = ChainCalendar.DateOf(now, zone);
        var activeSince = ChainCalendar.StartOf(today.AddDays(-(options.FollowUpAfterDays - 1)), zone);
        var kinds = Enum.GetValues<InteractionKind>().Where(k => DormancyRule.CountsAsActivity(k, options)).Select(k => StoredNames.Of(k)).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string CustomerId, string Kind, string DisplayName, string DepartmentId, DateTime ClockStart, DateTime? LastInteraction, DateTime? LastPurchase)>(new CommandDefinition(
            """
            SELECT c.customer_id, c.kind, c.display_name, c.department_id,
                   greatest(c.created_at,
                            (SELECT max(l.assigned_at) FROM lead l WHERE l.customer_id = c.customer_id),
                            (SELECT max(p.claimed_at) FROM pool_entry p WHERE p.customer_id = c.customer_id)),
                   (SELECT max(i.at) FROM interaction i WHERE i.customer_id = c.customer_id AND i.kind = ANY(@kinds)),
                   (SELECT max(s.rung_up_at) FROM sale s WHERE c.member_code IS NOT NULL AND s.member_id = c.member_code)
            FROM customer c
            WHERE c.owner_rep_id = @repId
              AND c.merged_into IS NULL
              AND c.created_at < @activeSince
              AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND (p.claimed_at IS NULL OR p.claimed_at >= @activeSince))
              AND NOT EXISTS (SELECT 1 FROM lead l WHERE l.customer_id = c.customer_id AND l.assigned_at >= @activeSince)
              AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.customer_id = c.customer_id AND i.at >= @activeSince AND i.kind = ANY(@kinds))
            """,
            new { repId, activeSince = activeSince.UtcDateTime, kinds },
            cancellationToken: cancellationToken));

        return rows
            .Select(r =>
            {
                var activity = new CustomerActivity(
                    StoredNames.CustomerKindOf(r.Kind),
                    LedgerTime.Utc(r.ClockStart),
                    r.LastInteraction is { } interaction ? LedgerTime.Utc(interaction) : null,
                    r.LastPurchase is { } purchase ? LedgerTime.Utc(purchase) : null);
                return new FollowUpDue(r.CustomerId, r.DisplayName, r.DepartmentId, DormancyRule.Evaluate(activity, now, zone, options));
            })
            .Where(f => f.Dormancy.State != DormancyState.Active)
            .OrderByDescending(f => f.Dormancy.IdleDays)
            .ThenBy(f => f.CustomerId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }
}

/// <summary>A lead of the rep still waiting for its first contact.</summary>
public sealed record OpenLead(long LeadId, string CustomerId, string CustomerName, string DepartmentId, DateTimeOffset AssignedAt);

/// <summary>A customer of the rep due for follow-up, with the dormancy rule's verdict (idle days, next rung).</summary>
public sealed record FollowUpDue(string CustomerId, string CustomerName, string DepartmentId, CustomerDormancy Dormancy);
