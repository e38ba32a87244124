using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.HandOvers;

/// <summary>
/// The customers' hand-overs of departing reps (docs/domain.md "Offboarding hand-over"): listed by scope, named
/// successors, stage and notes confirmed, and completed when <see cref="HandOverRule"/> finds no gap. Completion makes
/// the first successor the customer's owner (which restarts its dormancy count, as an assignment does) and, with the
/// departure's last hand-over, the rep gone, in one transaction.
/// </summary>
public sealed class HandOverBook(NpgsqlDataSource dataSource, IOptions<HandOverOptions> options, TimeProvider clock)
{
    private const string Select =
        """
        SELECT h.handover_id AS HandOverId, h.departure_id AS DepartureId, h.customer_id AS CustomerId, c.display_name AS CustomerName,
               h.departing_rep_id AS DepartingRepId, r.name AS DepartingRepName, r.store_id AS StoreId, r.department_id AS DepartmentId,
               s.region_id AS RegionId, d.started_at AS StartedAt, h.due_at AS DueAt, h.stage_snapshot AS StageSnapshot, h.stage AS Stage,
               h.notes::text AS NotesJson, h.notes_available AS NotesAvailable, h.notes_included AS NotesIncluded, h.successors AS Successors,
               h.completed_at AS CompletedAt, h.completed_by AS CompletedBy
        FROM customer_handover h
        JOIN rep_departure d ON d.departure_id = h.departure_id
        JOIN rep r ON r.rep_id = h.departing_rep_id
        JOIN store s ON s.store_id = r.store_id
        JOIN customer c ON c.customer_id = h.customer_id
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<HandOverRecord>> List(HandOverFilter filter, CancellationToken cancellationToken)
    {
        var scope = filter.Scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {Select}
            WHERE (@all OR s.region_id = ANY(@regions) OR r.store_id = ANY(@stores) OR r.department_id = ANY(@departments)
                   OR (@successor::text IS NOT NULL AND @successor::text = ANY(h.successors)))
              AND (@repId::text IS NULL OR h.departing_rep_id = @repId::text)
              AND (@completed::boolean IS NULL OR (h.completed_at IS NOT NULL) = @completed::boolean)
            ORDER BY h.completed_at IS NOT NULL, h.due_at, h.handover_id
            LIMIT @limit
            """,
            new
            {
                all = scope.All,
                regions = scope.Regions.ToArray(),
                stores = scope.Stores.ToArray(),
                departments = scope.Departments.ToArray(),
                successor = scope.SuccessorRepId,
                repId = filter.RepId,
                completed = filter.Completed,
                limit = filter.Limit,
            },
            cancellationToken: cancellationToken));
        return rows.Select(ToRecord).ToList();
    }

    public async Task<HandOverRecord?> Find(long handOverId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Find(connection, null, handOverId, lockRow: false, cancellationToken);
    }

    /// <summary>
    /// The reps who may take over a hand-over's customer: working reps of the departing rep's store or department, not
    /// departing themselves, the departing rep excluded; by name.
    /// </summary>
    public async Task<IReadOnlyList<SuccessorCandidate>> Candidates(HandOverRecord handOver, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var reps = await connection.QueryAsync<SuccessorCandidate>(new CommandDefinition(
            """
            SELECT r.rep_id AS RepId, r.name AS Name FROM rep r
            WHERE r.active AND (r.store_id = @StoreId OR r.department_id = @DepartmentId) AND r.rep_id <> @DepartingRepId
              AND NOT EXISTS (SELECT 1 FROM rep_departure d WHERE d.rep_id = r.rep_id)
            ORDER BY r.name, r.rep_id
            """,
            new { handOver.StoreId, handOver.DepartmentId, handOver.DepartingRepId },
            cancellationToken: cancellationToken));
        return reps.AsList();
    }

    /// <summary>
    /// Names the successors (when <paramref name="successors"/> is given: 1–3 working reps of the departing rep's team,
    /// not the departing rep, none twice), confirms the stage (when given) and the notes (when true). Nothing is written
    /// when a successor rule is broken.
    /// </summary>
    public async Task<HandOverChange> Update(long handOverId, IReadOnlyList<string>? successors, CustomerStage? stage, bool? notesConfirmed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await Find(connection, transaction, handOverId, lockRow: true, cancellationToken) is not { } current)
        {
            return new HandOverUnknown();
        }

        if (current.CompletedAt is { } completedAt)
        {
            return new HandOverAlreadyCompleted(completedAt);
        }

        if (successors is not null)
        {
            var gaps = await SuccessorGaps(connection, transaction, current, successors, cancellationToken);
            if (!gaps.IsEmpty)
            {
                return new HandOverGapsFound(gaps);
            }
        }

        var now = LedgerTime.Now(clock);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE customer_handover SET
                successors = coalesce(@successors, successors),
                stage = coalesce(@stage, stage),
                notes_included = CASE WHEN @notesConfirmed::boolean IS NULL THEN notes_included
                                      WHEN @notesConfirmed::boolean THEN jsonb_array_length(notes) ELSE 0 END,
                updated_at = @now
            WHERE handover_id = @handOverId
            """,
            new { handOverId, successors = successors?.ToArray(), stage = stage?.ToString(), notesConfirmed, now = now.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        var updated = await Find(connection, transaction, handOverId, lockRow: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HandOverChanged(updated!);
    }

    /// <summary>
    /// Completes the hand-over when <see cref="HandOverRule.Gaps"/> finds none: the first successor owns the customer from
    /// now (its dormancy count restarts), and when this was the departure's last open hand-over the rep is gone.
    /// </summary>
    /// <remarks>
    /// The departure row is locked before the hand-over's, always in this order: of two last hand-overs completed at the
    /// same moment, the second waits for the first and then sees it completed, so exactly one of them marks the rep gone.
    /// </remarks>
    public async Task<HandOverChange> Complete(long handOverId, string completedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var departureId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT d.departure_id FROM rep_departure d
            WHERE d.departure_id = (SELECT departure_id FROM customer_handover WHERE handover_id = @handOverId)
            FOR UPDATE
            """,
            new { handOverId },
            transaction,
            cancellationToken: cancellationToken));
        if (departureId is null || await Find(connection, transaction, handOverId, lockRow: true, cancellationToken) is not { } current)
        {
            return new HandOverUnknown();
        }

        if (current.CompletedAt is { } completedAt)
        {
            return new HandOverAlreadyCompleted(completedAt);
        }

        var gaps = HandOverRule.Gaps(current.ForRule(), options.Value);
        if (!gaps.IsEmpty)
        {
            return new HandOverGapsFound(gaps);
        }

        var now = LedgerTime.Now(clock);
        var stillOpen = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            UPDATE customer_handover SET completed_at = @now, completed_by = @completedBy, updated_at = @now WHERE handover_id = @handOverId;
            UPDATE customer SET owner_rep_id = @owner, updated_at = @now WHERE customer_id = @customerId;
            SELECT count(*)::int FROM customer_handover WHERE departure_id = @departureId AND completed_at IS NULL;
            """,
            new { handOverId, completedBy, now = now.UtcDateTime, owner = current.Successors[0], current.CustomerId, departureId },
            transaction,
            cancellationToken: cancellationToken));
        if (stillOpen == 0)
        {
            await DepartureCompletion.MarkGone(connection, transaction, departureId.Value, current.DepartingRepId, now, cancellationToken);
        }

        var completed = await Find(connection, transaction, handOverId, lockRow: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HandOverChanged(completed!, RepGone: stillOpen == 0);
    }

    private async Task<System.Collections.Immutable.ImmutableArray<HandOverGap>> SuccessorGaps(
        NpgsqlConnection connection, NpgsqlTransaction transaction, HandOverRecord handOver, IReadOnlyList<string> successors, CancellationToken cancellationToken)
    {
        var reps = await connection.QueryAsync<(string RepId, string StoreId, string DepartmentId, bool Active, bool Departing)>(new CommandDefinition(
            """
            SELECT r.rep_id, r.store_id, r.department_id, r.active, d.departure_id IS NOT NULL
            FROM rep r LEFT JOIN rep_departure d ON d.rep_id = r.rep_id
            WHERE r.rep_id = ANY(@successors)
            """,
            new { successors = successors.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        var team = new HashSet<string>(StringComparer.Ordinal);
        var leaving = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rep in reps)
        {
            if (!rep.Active || rep.Departing)
            {
                leaving.Add(rep.RepId);
            }
            else if (rep.StoreId == handOver.StoreId || rep.DepartmentId == handOver.DepartmentId)
            {
                team.Add(rep.RepId);
            }
        }

        return HandOverRule.SuccessorGaps(successors, handOver.DepartingRepId, team, leaving, options.Value);
    }

    private static async Task<HandOverRecord?> Find(NpgsqlConnection connection, NpgsqlTransaction? transaction, long handOverId, bool lockRow, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE h.handover_id = @handOverId {(lockRow ? "FOR UPDATE OF h" : "")}",
            new { handOverId },
            transaction,
            cancellationToken: cancellationToken));
        return rows.AsList() is [var row] ? ToRecord(row) : null;
    }

    private static HandOverRecord ToRecord(Row r) => new(
        r.HandOverId,
        r.DepartureId,
        r.CustomerId,
        r.CustomerName,
        r.DepartingRepId,
        r.DepartingRepName,
        r.StoreId,
        r.DepartmentId,
        r.RegionId,
        LedgerTime.Utc(r.StartedAt),
        LedgerTime.Utc(r.DueAt),
        r.StageSnapshot,
        r.Stage,
        JsonSerializer.Deserialize<List<HandOverNote>>(r.NotesJson, Json) ?? [],
        r.NotesAvailable,
        r.NotesIncluded,
        r.Successors,
        r.CompletedAt is { } c ? LedgerTime.Utc(c) : null,
        r.CompletedBy);

    // A class with setters, not a positional record: Dapper matches constructors by exact types and reads text[] as Array.
    private sealed class Row
    {
        public long HandOverId { get; init; }

        public long DepartureId { get; init; }

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public string DepartingRepId { get; init; } = "";

        public string DepartingRepName { get; init; } = "";

        public string StoreId { get; init; } = "";

        public string DepartmentId { get; init; } = "";

        public string RegionId { get; init; } = "";

        public DateTime StartedAt { get; init; }

        public DateTime DueAt { get; init; }

        public string StageSnapshot { get; init; } = "";

        public string? Stage { get; init; }

        public string NotesJson { get; init; } = "[]";

        public int NotesAvailable { get; init; }

        public int NotesIncluded { get; init; }

        public string[] Successors { get; init; } = [];

        public DateTime? CompletedAt { get; init; }

        public string? CompletedBy { get; init; }
    }
}
