using System.Collections.Immutable;
using Dapper;
using Npgsql;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Opportunities;

/// <summary>
/// An opportunity's facts in one round trip: the row with its customer's name and its owner's store and region (master
/// data), every move, the evidence files' descriptions (not their bytes) and the latest contract-entry approval.
/// Read inside a transaction too (<see cref="ReadIn"/>), so a move judges what it locked.
/// </summary>
public sealed class PgOpportunityFacts(NpgsqlDataSource dataSource) : IOpportunityFactsReader
{
    private const string Sql =
        """
        SELECT o.opportunity_id, o.customer_id, c.display_name AS customer_name, o.owner_rep_id, o.department_id,
               r.store_id AS owner_store_id, s.region_id, o.product_line, o.title, o.amount, o.currency, o.stage,
               o.stage_entered_at, o.last_activity_at, o.outcome, o.created_at
        FROM opportunity o
        JOIN customer c ON c.customer_id = o.customer_id
        LEFT JOIN rep r ON r.rep_id = o.owner_rep_id
        LEFT JOIN store s ON s.store_id = r.store_id
        WHERE o.opportunity_id = @opportunityId;

        SELECT seq, from_stage, to_stage, actor, at, note, evidence_ids FROM opportunity_move
        WHERE opportunity_id = @opportunityId ORDER BY seq;

        SELECT evidence_id, stage, requirement, file_name, media_type, size_bytes, encode(sha256, 'hex') AS sha256, uploaded_by, uploaded_at
        FROM opportunity_evidence WHERE opportunity_id = @opportunityId ORDER BY evidence_id;

        SELECT a.approval_id, a.status, a.requested_by, a.requested_at, a.due_at,
               coalesce((SELECT array_agg(d.role || ': ' || CASE WHEN d.approve THEN 'approved' ELSE 'rejected' END || ' by ' || d.decided_by || ' (' || d.reason || ')' ORDER BY d.at)
                         FROM approval_decision d WHERE d.approval_id = a.approval_id), '{}') AS decisions
        FROM approval_request a
        WHERE a.kind = @kind AND a.subject_id = @opportunityId
        ORDER BY a.approval_id DESC LIMIT 1;
        """;

    public async Task<OpportunityFacts?> Read(string opportunityId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadIn(connection, null, opportunityId, cancellationToken);
    }

    public static async Task<OpportunityFacts?> ReadIn(NpgsqlConnection connection, NpgsqlTransaction? transaction, string opportunityId, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql, new { opportunityId, kind = ApprovalKinds.ContractEntry }, transaction, cancellationToken: cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<OpportunityRow>();
        var moves = (await results.ReadAsync<MoveRow>()).Select(m => m.ToFact()).ToImmutableArray();
        var evidence = (await results.ReadAsync<EvidenceRow>()).Select(e => e.ToFact()).ToImmutableArray();
        var approval = await results.ReadSingleOrDefaultAsync<ApprovalRow>();
        return row?.ToFacts(moves, evidence, approval?.ToFact());
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    internal sealed record OpportunityRow(
        string opportunity_id, string customer_id, string customer_name, string owner_rep_id, string department_id, string? owner_store_id,
        string? region_id, string product_line, string title, decimal amount, string currency, string stage, DateTime stage_entered_at,
        DateTime last_activity_at, string? outcome, DateTime created_at)
    {
        public OpportunityFacts ToFacts(ImmutableArray<OpportunityMoveFact> moves, ImmutableArray<EvidenceFact> evidence, ContractApprovalFact? approval) => new(
            opportunity_id, customer_id, customer_name, owner_rep_id, department_id, owner_store_id, region_id, product_line, title, amount, currency,
            stage, LedgerTime.Utc(stage_entered_at), LedgerTime.Utc(last_activity_at), outcome, LedgerTime.Utc(created_at), moves, evidence, approval);
    }

    // Properties, not a constructor: Npgsql names an array column's type System.Array, which no constructor signature matches.
    private sealed class MoveRow
    {
        public int seq { get; init; }
        public string? from_stage { get; init; }
        public string to_stage { get; init; } = "";
        public string actor { get; init; } = "";
        public DateTime at { get; init; }
        public string? note { get; init; }
        public long[] evidence_ids { get; init; } = [];

        public OpportunityMoveFact ToFact() => new(seq, from_stage, to_stage, actor, LedgerTime.Utc(at), note, [.. evidence_ids]);
    }

    internal sealed record EvidenceRow(
        long evidence_id, string stage, string requirement, string file_name, string media_type, int size_bytes, string sha256, string uploaded_by, DateTime uploaded_at)
    {
        public EvidenceFact ToFact() => new(evidence_id, stage, requirement, file_name, media_type, size_bytes, sha256, uploaded_by, LedgerTime.Utc(uploaded_at));
    }

    private sealed class ApprovalRow
    {
        public long approval_id { get; init; }
        public string status { get; init; } = "";
        public string requested_by { get; init; } = "";
        public DateTime requested_at { get; init; }
        public DateTime due_at { get; init; }
        public string[] decisions { get; init; } = [];

        public ContractApprovalFact ToFact() => new(approval_id, status, requested_by, LedgerTime.Utc(requested_at), LedgerTime.Utc(due_at), [.. decisions]);
    }
#pragma warning restore IDE1006, CA1707
}
