using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Data.Targets;

/// <summary>A change request after the freeze (目标冻结日): who asked what and why, and how it was decided.</summary>
public sealed record TargetChangeRequest(
    long RequestId,
    TargetLevel Level,
    string SubjectId,
    DateOnly Month,
    decimal? CurrentAmount,
    decimal NewAmount,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote);

/// <summary>The outcome of filing or deciding a change request.</summary>
public abstract record TargetRequestResult;

public sealed record TargetRequestFiled(TargetChangeRequest Request) : TargetRequestResult;

/// <summary>Decided; <see cref="Changes"/> holds the target written by an approval (empty for a rejection or no change).</summary>
public sealed record TargetRequestDecided(TargetChangeRequest Request, IReadOnlyList<TargetChanged> Changes) : TargetRequestResult;

public sealed record TargetRequestRefused(TargetRefused Refused) : TargetRequestResult;

/// <summary>No such subject (filing) or no such request (deciding).</summary>
public sealed record TargetRequestUnknown : TargetRequestResult;

/// <summary>
/// Change requests after the freeze (docs/domain.md "Sales targets"): filed with a reason for a frozen month, decided by
/// the configured approver role, never by the requester. An approval writes the target and its audit row (source
/// <c>request</c>, naming the request) in the decision's own transaction: a decided request and its target never disagree.
/// </summary>
public sealed class TargetChangeRequests(NpgsqlDataSource dataSource, TargetWriter writer, IOptions<TargetFreezeOptions> freeze, IOptions<ChainCalendarOptions> calendar, [FromKeyedServices(TargetClock.Key)] TimeProvider clock)
{
    private const string Columns = """
        request_id, level, subject_id, month, current_amount, new_amount, reason, requested_by, requested_at, status,
        decided_by, decided_at, decision_note
        """;

    public async Task<TargetRequestResult> File(TargetLevel level, string subjectId, DateOnly month, decimal newAmount, string? reason, string requestedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await TargetSubject.Find(connection, level, subjectId, null, cancellationToken) is not { } subject)
        {
            return new TargetRequestUnknown();
        }

        var first = TargetMonth.Of(month);
        var now = LedgerTime.Now(clock);
        if (TargetChangeRule.CheckRequest(newAmount, reason, subject.FreezesAt(first, calendar.Value.Zone(), freeze.Value), now) is { } refused)
        {
            return new TargetRequestRefused(refused);
        }

        var (table, key) = TargetTables.Of(level);
        var row = await connection.QuerySingleAsync<RequestRow>(new CommandDefinition(
            $"""
            INSERT INTO target_change_request (level, subject_id, month, current_amount, new_amount, reason, requested_by, requested_at)
            VALUES (@level, @subjectId, @month, (SELECT amount FROM {table} WHERE {key} = @subjectId AND month = @month), @newAmount, @reason, @requestedBy, @now)
            RETURNING {Columns}
            """,
            new { level = TargetCodes.Of(level), subjectId, month = TargetTables.Key(first), newAmount, reason = reason!.Trim(), requestedBy, now },
            cancellationToken: cancellationToken));
        return new TargetRequestFiled(row.ToRequest());
    }

    public async Task<TargetChangeRequest?> Find(long requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
            $"SELECT {Columns} FROM target_change_request WHERE request_id = @requestId", new { requestId }, cancellationToken: cancellationToken));
        return row?.ToRequest();
    }

    /// <summary>Requests of <paramref name="month"/> (all months when null), pending first, newest first; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<TargetChangeRequest>> List(DateOnly? month, bool pendingOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM target_change_request
            WHERE (@month::date IS NULL OR month = @month::date) AND (NOT @pendingOnly OR status = 'pending')
            ORDER BY status <> 'pending', requested_at DESC, request_id DESC
            LIMIT @limit
            """,
            new { month = month is { } m ? TargetTables.Key(m) : (DateTime?)null, pendingOnly, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRequest())];
    }

    /// <summary>
    /// Approves or rejects the request as <paramref name="decider"/> holding <paramref name="deciderRoles"/>. The request is
    /// locked first, so of two simultaneous decisions one decides and the other finds it decided.
    /// </summary>
    public async Task<TargetRequestResult> Decide(long requestId, bool approve, string decider, IReadOnlySet<string> deciderRoles, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
            $"SELECT {Columns} FROM target_change_request WHERE request_id = @requestId FOR UPDATE", new { requestId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return new TargetRequestUnknown();
        }

        var request = row.ToRequest();
        if (TargetChangeRule.CheckDecision(request.RequestedBy, request.Status == "pending", decider, deciderRoles, freeze.Value.ApproverRole) is { } refused)
        {
            return new TargetRequestRefused(refused);
        }

        IReadOnlyList<TargetChanged> changes = [];
        if (approve)
        {
            var write = new TargetWrite(request.Level, request.SubjectId, request.Month, request.NewAmount, request.Reason);
            switch (await writer.ApplyIn(connection, transaction, [write], decider, TargetChangeSource.Request, requestId, cancellationToken))
            {
                case TargetsWritten written:
                    changes = written.Changes;
                    break;
                case TargetWriteRefused { Refused: var writeRefused }:
                    return new TargetRequestRefused(writeRefused);
                default:
                    return new TargetRequestUnknown();
            }
        }

        var decided = await connection.QuerySingleAsync<RequestRow>(new CommandDefinition(
            $"""
            UPDATE target_change_request SET status = @status, decided_by = @decider, decided_at = @now, decision_note = @note
            WHERE request_id = @requestId
            RETURNING {Columns}
            """,
            new { requestId, status = approve ? "approved" : "rejected", decider, now = LedgerTime.Now(clock), note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new TargetRequestDecided(decided.ToRequest(), changes);
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record RequestRow(
        long request_id, string level, string subject_id, DateOnly month, decimal? current_amount, decimal new_amount, string reason,
        string requested_by, DateTime requested_at, string status, string? decided_by, DateTime? decided_at, string? decision_note)
    {
        public TargetChangeRequest ToRequest() => new(
            request_id, TargetCodes.LevelOf(level) ?? throw new InvalidOperationException($"Unknown target level '{level}'."), subject_id, month,
            current_amount, new_amount, reason, requested_by, LedgerTime.Utc(requested_at), status, decided_by,
            decided_at is { } at ? LedgerTime.Utc(at) : null, decision_note);
    }
#pragma warning restore IDE1006, CA1707
}
