using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.HandOvers;

/// <summary>
/// Starts a rep's departure (docs/domain.md "Offboarding hand-over"): in one transaction the departure and, for every
/// customer the rep owns and that is not in the public pool, a hand-over with the customer's stage and last notes as
/// they are now, due at start + <c>SalesForce:HandOver:DueWithin</c>.
/// </summary>
/// <remarks>
/// The rep row is locked first, then the departure is read by a statement of its own (which sees a concurrent start
/// that committed while we waited), as <see cref="Pool.PoolClaims"/> does; the unique key on <c>rep_departure.rep_id</c>
/// backs it up. The customers are locked too (the lead book, claims and the pool's release lock customer rows), so
/// none changes owner between the snapshot and the hand-over's insert.
/// </remarks>
public sealed class RepDepartures(
    NpgsqlDataSource dataSource,
    IOptions<HandOverOptions> handOver,
    IOptions<DormancyOptions> dormancy,
    IOptions<ChainCalendarOptions> calendar,
    TimeProvider clock)
{
    private const string UniqueViolation = "23505";

    /// <summary>The rep, their team and region, and their departure if any; null for a rep not in master data.</summary>
    public async Task<DepartingRep?> Find(string repId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Find(connection, null, repId, cancellationToken);
    }

    /// <summary>The reps whose departure is under way (some hand-over not completed).</summary>
    public async Task<IReadOnlyList<string>> Departing(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var reps = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT rep_id FROM rep_departure WHERE completed_at IS NULL ORDER BY rep_id", cancellationToken: cancellationToken));
        return reps.AsList();
    }

    public async Task<DepartureResult> Start(string repId, string reason, DateOnly? lastWorkingDay, string startedBy, CancellationToken cancellationToken)
    {
        var options = handOver.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT rep_id FROM rep WHERE rep_id = @repId FOR UPDATE", new { repId }, transaction, cancellationToken: cancellationToken));
        if (locked is null || await Find(connection, transaction, repId, cancellationToken) is not { } rep)
        {
            return new DepartureRepUnknown();
        }

        var standing = DepartureRule.Standing(rep.Active, rep.DepartureId is not null, rep.DepartureCompletedAt is not null);
        if (DepartureRule.Refusal(standing) is { } refusal)
        {
            return new DepartureRefused(refusal);
        }

        var now = LedgerTime.Now(clock);
        var due = HandOverRule.DueAt(now, options);
        long departureId;
        try
        {
            departureId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO rep_departure (rep_id, reason, last_working_day, started_at, started_by, due_at)
                VALUES (@repId, @reason, @lastWorkingDay::date, @now, @startedBy, @due) RETURNING departure_id
                """,
                new { repId, reason, lastWorkingDay = lastWorkingDay?.ToDateTime(TimeOnly.MinValue), now = now.UtcDateTime, startedBy, due = due.UtcDateTime },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return new DepartureRefused(DepartureRefusal.AlreadyDeparting);
        }

        var customers = await Snapshot(connection, transaction, repId, now, options, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer_handover (departure_id, customer_id, departing_rep_id, stage_snapshot, notes, notes_available, due_at, updated_at)
            SELECT @departureId, c.id, @repId, c.stage, c.notes::jsonb, c.available, @due, @now
            FROM unnest(@ids, @stages, @notes, @available) AS c(id, stage, notes, available)
            """,
            new
            {
                departureId,
                repId,
                due = due.UtcDateTime,
                now = now.UtcDateTime,
                ids = customers.Select(c => c.CustomerId).ToArray(),
                stages = customers.Select(c => c.Stage.ToString()).ToArray(),
                notes = customers.Select(c => c.NotesJson).ToArray(),
                available = customers.Select(c => c.NotesAvailable).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        // A rep without customers has nothing to hand over: gone at once.
        var gone = customers.Count == 0;
        if (gone)
        {
            await DepartureCompletion.MarkGone(connection, transaction, departureId, repId, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new DepartureStarted(departureId, repId, now, due, customers.Count, gone);
    }

    private async Task<List<CustomerSnapshot>> Snapshot(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string repId, DateTimeOffset now, HandOverOptions options, CancellationToken cancellationToken)
    {
        var dormancyOptions = dormancy.Value;
        var zone = calendar.Value.Zone();
        var kinds = Enum.GetValues<InteractionKind>().Where(k => DormancyRule.CountsAsActivity(k, dormancyOptions)).Select(k => StoredNames.Of(k)).ToArray();

        // Activity as the pool's release counts it (creation, last assignment, last claim, last counting interaction;
        // purchases not yet): the stage must agree with what the release would do to the customer.
        var rows = await connection.QueryAsync<SnapshotRow>(new CommandDefinition(
            """
            SELECT c.customer_id AS CustomerId, c.kind AS Kind,
                   greatest(c.created_at,
                            (SELECT max(l.assigned_at) FROM lead l WHERE l.customer_id = c.customer_id),
                            (SELECT max(p.claimed_at) FROM pool_entry p WHERE p.customer_id = c.customer_id),
                            (SELECT max(h.completed_at) FROM customer_handover h WHERE h.customer_id = c.customer_id)) AS ClockStart,
                   (SELECT max(i.at) FROM interaction i WHERE i.customer_id = c.customer_id AND i.kind = ANY(@kinds)) AS LastInteractionAt,
                   EXISTS (SELECT 1 FROM lead l WHERE l.customer_id = c.customer_id AND l.first_contact_at IS NULL) AS HasOpenLead,
                   (SELECT min(i.next_action_due) FROM interaction i
                    WHERE i.customer_id = c.customer_id AND i.next_action_due IS NOT NULL AND i.next_action_done_at IS NULL) AS EarliestOpenActionDue,
                   (SELECT count(*)::int FROM interaction i WHERE i.customer_id = c.customer_id AND coalesce(i.note, '') <> '') AS NotesAvailable,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('at', n.at, 'kind', n.kind, 'repId', n.rep_id, 'note', n.note) ORDER BY n.at DESC), '[]')::text
                    FROM (SELECT i.at, i.kind, i.rep_id, i.note FROM interaction i
                          WHERE i.customer_id = c.customer_id AND coalesce(i.note, '') <> ''
                          ORDER BY i.at DESC LIMIT @notesRequired) n) AS NotesJson
            FROM customer c
            WHERE c.owner_rep_id = @repId AND c.merged_into IS NULL
              AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at IS NULL)
            ORDER BY c.customer_id
            FOR UPDATE OF c
            """,
            new { repId, kinds, notesRequired = options.NotesRequired },
            transaction,
            cancellationToken: cancellationToken));

        var today = ChainCalendar.DateOf(now, zone);
        return rows.Select(r =>
        {
            var activity = new CustomerActivity(
                StoredNames.CustomerKindOf(r.Kind),
                LedgerTime.Utc(r.ClockStart),
                r.LastInteractionAt is { } at ? LedgerTime.Utc(at) : null,
                null);
            var facts = new CustomerStageFacts(
                r.HasOpenLead,
                DormancyRule.Evaluate(activity, now, zone, dormancyOptions),
                r.EarliestOpenActionDue,
                today);
            return new CustomerSnapshot(r.CustomerId, CustomerStageRule.Of(facts), r.NotesJson, r.NotesAvailable);
        }).ToList();
    }

    private static async Task<DepartingRep?> Find(NpgsqlConnection connection, NpgsqlTransaction? transaction, string repId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<RepRow>(new CommandDefinition(
            """
            SELECT r.rep_id AS RepId, r.name AS Name, r.store_id AS StoreId, r.department_id AS DepartmentId, s.region_id AS RegionId,
                   r.active AS Active, d.departure_id AS DepartureId, d.started_at AS StartedAt, d.completed_at AS CompletedAt
            FROM rep r JOIN store s ON s.store_id = r.store_id
            LEFT JOIN rep_departure d ON d.rep_id = r.rep_id
            WHERE r.rep_id = @repId
            """,
            new { repId },
            transaction,
            cancellationToken: cancellationToken));
        return rows.AsList() is [var r]
            ? new DepartingRep(r.RepId, r.Name, r.StoreId, r.DepartmentId, r.RegionId, r.Active, r.DepartureId,
                r.StartedAt is { } s ? LedgerTime.Utc(s) : null, r.CompletedAt is { } c ? LedgerTime.Utc(c) : null)
            : null;
    }

    private sealed record RepRow(string RepId, string Name, string StoreId, string DepartmentId, string RegionId, bool Active, long? DepartureId, DateTime? StartedAt, DateTime? CompletedAt);

    private sealed record SnapshotRow(
        string CustomerId, string Kind, DateTime ClockStart, DateTime? LastInteractionAt, bool HasOpenLead, DateOnly? EarliestOpenActionDue, int NotesAvailable, string NotesJson);

    private sealed record CustomerSnapshot(string CustomerId, CustomerStage Stage, string NotesJson, int NotesAvailable);
}
