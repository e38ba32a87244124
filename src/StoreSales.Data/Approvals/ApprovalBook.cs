using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Approvals;

/// <summary>
/// The approval requests of every kind (docs/domain.md "Approvals"): filed by the kind's code (at most one pending per
/// subject and kind), decided role by role under <see cref="ApprovalRule"/>, the outcome applied by the kind's
/// <see cref="IApprovalOutcome"/> in the deciding transaction. A request is locked while it is decided, so of two
/// simultaneous decisions by the same role one is kept and the other finds it decided.
/// </summary>
public sealed partial class ApprovalBook(
    NpgsqlDataSource dataSource,
    IEnumerable<IApprovalOutcome> outcomes,
    [FromKeyedServices(ApprovalClock.Key)] TimeProvider clock,
    IOptions<ApprovalOptions> options,
    ILogger<ApprovalBook> logger)
{
    private const string Columns = """
        approval_id, kind, subject_id, customer_id, department_id, region_id, amount, required_roles, summary::text AS summary,
        requested_by, requested_at, due_at, status, decided_at
        """;

    private readonly Dictionary<string, IApprovalOutcome> _outcomes = outcomes.ToDictionary(o => o.Kind, StringComparer.Ordinal);

    /// <summary>Files a request on its own connection.</summary>
    public async Task<ApprovalFiled> File(NewApprovalRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var filed = await FileIn(connection, transaction, request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return filed;
    }

    /// <summary>Files a request in the caller's transaction (e.g. with the quote version it approves).</summary>
    public async Task<ApprovalFiled> FileIn(NpgsqlConnection connection, NpgsqlTransaction transaction, NewApprovalRequest request, CancellationToken cancellationToken)
    {
        var now = LedgerTime.Now(clock);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            INSERT INTO approval_request (kind, subject_id, customer_id, department_id, region_id, amount, required_roles, summary,
                                          requested_by, requested_at, due_at)
            VALUES (@Kind, @SubjectId, @CustomerId, @DepartmentId, @RegionId, @Amount, @roles, @SummaryJson::jsonb, @RequestedBy, @now, @DueAt)
            ON CONFLICT (kind, subject_id) WHERE status = 'pending' DO NOTHING
            RETURNING approval_id
            """,
            new
            {
                request.Kind, request.SubjectId, request.CustomerId, request.DepartmentId, request.RegionId, request.Amount,
                roles = request.RequiredRoles.ToArray(), request.SummaryJson, request.RequestedBy, now,
                // Npgsql writes only UTC offsets to timestamptz: a due time computed in the chain's time zone is the same instant.
                DueAt = (request.DueAt ?? options.Value.DueAt(request.Kind, now)).ToUniversalTime(),
            },
            transaction,
            cancellationToken: cancellationToken));
        if (id is { } filed)
        {
            return new ApprovalFiled((await Read(connection, transaction, filed, false, cancellationToken))!, false);
        }

        var pending = await connection.QuerySingleAsync<long>(new CommandDefinition(
            "SELECT approval_id FROM approval_request WHERE kind = @Kind AND subject_id = @SubjectId AND status = 'pending'",
            new { request.Kind, request.SubjectId }, transaction, cancellationToken: cancellationToken));
        return new ApprovalFiled((await Read(connection, transaction, pending, false, cancellationToken))!, true);
    }

    public async Task<ApprovalRequest?> Find(long approvalId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Read(connection, null, approvalId, false, cancellationToken);
    }

    /// <summary>The latest request of a subject and kind (pending or not), or null.</summary>
    public async Task<ApprovalRequest?> Latest(string kind, string subjectId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT max(approval_id) FROM approval_request WHERE kind = @kind AND subject_id = @subjectId",
            new { kind, subjectId }, cancellationToken: cancellationToken));
        return id is { } found ? await Read(connection, null, found, false, cancellationToken) : null;
    }

    /// <summary>
    /// Pending requests that still wait for one of <paramref name="roles"/>, oldest due first; at most <paramref name="limit"/>.
    /// Scope (region, team) is the caller's to apply with the request's <see cref="ApprovalRequest.RegionId"/> and
    /// <see cref="ApprovalRequest.DepartmentId"/>.
    /// </summary>
    public async Task<IReadOnlyList<ApprovalRequest>> Waiting(IReadOnlyCollection<string> roles, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM approval_request r
            WHERE status = 'pending'
              AND EXISTS (SELECT 1 FROM unnest(r.required_roles) AS required (role_name)
                          WHERE required.role_name = ANY (@roles)
                            AND NOT EXISTS (SELECT 1 FROM approval_decision d
                                            WHERE d.approval_id = r.approval_id AND d.role = required.role_name))
            ORDER BY due_at, approval_id
            LIMIT @limit
            """,
            new { roles = roles.ToArray(), limit }, cancellationToken: cancellationToken))).ToList();
        var decisions = await Decisions(connection, null, [.. rows.Select(r => r.approval_id)], cancellationToken);
        return [.. rows.Select(r => r.ToRequest(decisions[r.approval_id]))];
    }

    /// <summary>Pending requests past their due time (for escalation), oldest first.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> Overdue(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"SELECT {Columns} FROM approval_request WHERE status = 'pending' AND due_at <= @now ORDER BY due_at, approval_id LIMIT @limit",
            new { now = now.ToUniversalTime(), limit }, cancellationToken: cancellationToken))).ToList();
        var decisions = await Decisions(connection, null, [.. rows.Select(r => r.approval_id)], cancellationToken);
        return [.. rows.Select(r => r.ToRequest(decisions[r.approval_id]))];
    }

    /// <summary>
    /// Keeps <paramref name="decider"/>'s decision in the first required role they hold that has not decided; when the
    /// request thereby becomes approved or rejected, its kind's outcome is applied in the same transaction.
    /// </summary>
    public async Task<ApprovalResult> Decide(long approvalId, bool approve, string? reason, string decider, IReadOnlySet<string> deciderRoles, CancellationToken cancellationToken)
    {
        ApprovalRequest request;
        ApprovalDecision decision;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await Read(connection, transaction, approvalId, true, cancellationToken) is not { } current)
            {
                return new ApprovalUnknown();
            }

            var (role, refused) = ApprovalRule.CheckDecision(current.Status, current.RequestedBy, current.RequiredRoles, current.Votes, decider, deciderRoles, reason);
            if (refused is not null)
            {
                return new ApprovalRefusedResult(refused);
            }

            var now = LedgerTime.Now(clock);
            decision = new ApprovalDecision(role!, decider, approve, reason!.Trim(), now);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO approval_decision (approval_id, role, decided_by, approve, reason, at) VALUES (@approvalId, @Role, @DecidedBy, @Approve, @Reason, @At)",
                new { approvalId, decision.Role, decision.DecidedBy, decision.Approve, decision.Reason, decision.At }, transaction, cancellationToken: cancellationToken));
            var status = ApprovalRule.StatusAfter(current.RequiredRoles, [.. current.Votes, new ApprovalVote(decision.Role, decision.Approve)]);
            if (status != ApprovalStatus.Pending)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE approval_request SET status = @status, decided_at = @now WHERE approval_id = @approvalId",
                    new { approvalId, status = StatusCode(status), now }, transaction, cancellationToken: cancellationToken));
            }

            request = (await Read(connection, transaction, approvalId, false, cancellationToken))!;
            if (status != ApprovalStatus.Pending && _outcomes.TryGetValue(request.Kind, out var outcome))
            {
                await outcome.Apply(request, connection, transaction, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await TellAfterCommit(request, cancellationToken);
        return new ApprovalDecided(request, decision);
    }

    /// <summary>Withdraws a pending request (the subject changed: a new quote version, the opportunity moved back). Null when none was pending.</summary>
    public async Task<ApprovalRequest?> WithdrawIn(NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, string subjectId, CancellationToken cancellationToken)
    {
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "UPDATE approval_request SET status = 'withdrawn', decided_at = @now WHERE kind = @kind AND subject_id = @subjectId AND status = 'pending' RETURNING approval_id",
            new { kind, subjectId, now = LedgerTime.Now(clock) }, transaction, cancellationToken: cancellationToken));
        return id is { } withdrawn ? await Read(connection, transaction, withdrawn, false, cancellationToken) : null;
    }

    private async Task TellAfterCommit(ApprovalRequest request, CancellationToken cancellationToken)
    {
        if (!_outcomes.TryGetValue(request.Kind, out var outcome))
        {
            return;
        }

        try
        {
            await outcome.AfterCommit(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Approval {ApprovalId} ({Kind}) is decided; telling live state failed", request.ApprovalId, request.Kind);
        }
    }

    public static string StatusCode(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Pending => "pending",
        ApprovalStatus.Approved => "approved",
        ApprovalStatus.Rejected => "rejected",
        ApprovalStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static ApprovalStatus StatusOf(string code) => code switch
    {
        "pending" => ApprovalStatus.Pending,
        "approved" => ApprovalStatus.Approved,
        "rejected" => ApprovalStatus.Rejected,
        "withdrawn" => ApprovalStatus.Withdrawn,
        _ => throw new InvalidOperationException($"Unknown approval status '{code}'."),
    };

    private static async Task<ApprovalRequest?> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, long approvalId, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
            $"SELECT {Columns} FROM approval_request WHERE approval_id = @approvalId{(forUpdate ? " FOR UPDATE" : "")}",
            new { approvalId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var decisions = await Decisions(connection, transaction, [approvalId], cancellationToken);
        return row.ToRequest(decisions[approvalId]);
    }

    private static async Task<ILookup<long, ApprovalDecision>> Decisions(NpgsqlConnection connection, NpgsqlTransaction? transaction, long[] approvalIds, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            "SELECT approval_id, role, decided_by, approve, reason, at FROM approval_decision WHERE approval_id = ANY (@approvalIds) ORDER BY at, role",
            new { approvalIds }, transaction, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.approval_id, r => new ApprovalDecision(r.role, r.decided_by, r.approve, r.reason, LedgerTime.Utc(r.at)));
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    // required_roles is Array: Npgsql reports a text[] column's field type as System.Array, and Dapper matches a
    // record's constructor by the reader's field types, so string[] would find no constructor.
    private sealed record DecisionRow(long approval_id, string role, string decided_by, bool approve, string reason, DateTime at);

    private sealed record RequestRow(
        long approval_id, string kind, string subject_id, string? customer_id, string? department_id, string? region_id, decimal? amount,
        Array required_roles, string summary, string requested_by, DateTime requested_at, DateTime due_at, string status, DateTime? decided_at)
    {
        public ApprovalRequest ToRequest(IEnumerable<ApprovalDecision> decisions) => new(
            approval_id, kind, subject_id, customer_id, department_id, region_id, amount, (string[])required_roles, summary, requested_by,
            LedgerTime.Utc(requested_at), LedgerTime.Utc(due_at), StatusOf(status), decided_at is { } at ? LedgerTime.Utc(at) : null,
            [.. decisions]);
    }
#pragma warning restore IDE1006, CA1707
}
