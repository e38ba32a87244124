using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>
/// The opportunities' writes (docs/domain.md "Opportunities"), each one transaction with the opportunity row locked:
/// opening one in the first stage of its path, a stage move judged by <see cref="StageMoveRule"/> on what is stored (a
/// contract entry above the amount files its approval in the same transaction, a move back withdraws a pending one),
/// evidence judged by <see cref="EvidenceFile"/> and kept with its SHA-256. Every change is an activity (ageing counts
/// from it). Who may ask is the caller's to check (<see cref="OpportunityAccessRule"/>).
/// </summary>
public sealed class OpportunityBook(
    NpgsqlDataSource dataSource,
    ApprovalBook approvals,
    IOptions<OpportunityOptions> options,
    TimeProvider clock,
    OpportunityChanges changes)
{
    private readonly OpportunityOptions _options = options.Value;

    /// <summary>Opens an opportunity in its path's first stage; null when the customer does not exist (or was merged away).</summary>
    public async Task<OpportunityFacts?> Create(NewOpportunity opportunity, CancellationToken cancellationToken)
    {
        var id = OpportunityIds.New();
        var now = LedgerTime.Now(clock).ToUniversalTime();
        var first = _options.PathOf(opportunity.ProductLine).First.Name;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage,
                                         stage_entered_at, last_activity_at, created_by, created_at, updated_at)
                SELECT @id, customer_id, @OwnerRepId, @DepartmentId, @ProductLine, @Title, @Amount, @first, @now, @now, @CreatedBy, @now, @now
                FROM customer WHERE customer_id = @CustomerId AND merged_into IS NULL
                """,
                new { id, opportunity.CustomerId, opportunity.OwnerRepId, opportunity.DepartmentId, opportunity.ProductLine, Title = opportunity.Title.Trim(), opportunity.Amount, first, now, opportunity.CreatedBy },
                transaction,
                cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                return null;
            }

            await OpportunityRows.InsertMove(connection, transaction, id, null, first, opportunity.CreatedBy, now, "opened", [], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await changes.Tell(id, cancellationToken);
    }

    /// <summary>
    /// Moves an opportunity to <paramref name="targetStage"/> resting on <paramref name="evidenceIds"/> (files uploaded to
    /// it in its current stage; none named: every file uploaded in the stage).
    /// </summary>
    public async Task<MoveResult> Move(string opportunityId, string targetStage, IReadOnlyList<long> evidenceIds, string actor, string? note, CancellationToken cancellationToken)
    {
        MoveResult result;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await OpportunityRows.Lock(connection, transaction, opportunityId, cancellationToken) is not { } current)
            {
                return new OpportunityUnknown();
            }

            var inStage = current.Evidence.Where(e => string.Equals(e.Stage, current.Stage, StringComparison.Ordinal)).ToList();
            var strangers = evidenceIds.Where(id => !inStage.Any(e => e.EvidenceId == id)).ToList();
            if (strangers.Count > 0)
            {
                return new MoveEvidenceNotInStage(current, strangers);
            }

            var restingOn = evidenceIds.Count > 0 ? inStage.Where(e => evidenceIds.Contains(e.EvidenceId)).ToList() : inStage;
            var path = _options.PathOf(current.ProductLine);
            var verdict = StageMoveRule.Decide(
                path,
                new StageMoveRequest(current.Stage, targetStage, current.Amount, restingOn.Select(e => e.Requirement).ToHashSet(StringComparer.Ordinal), current.Closed, current.ApprovalPending),
                _options);
            var now = LedgerTime.Now(clock).ToUniversalTime();
            switch (verdict.Outcome)
            {
                case StageMoveOutcome.Refused:
                    return new MoveRefused(current, verdict);
                case StageMoveOutcome.NeedsApproval:
                    var filed = await approvals.FileIn(connection, transaction, ContractEntryRequest(current, targetStage, actor, now), cancellationToken);
                    await OpportunityRows.Touch(connection, transaction, opportunityId, now, cancellationToken);
                    result = new MoveAwaitsApproval(current, filed.Request, filed.Existing, verdict.Reason!);
                    break;
                default:
                    var withdrawn = verdict.IsBackward && current.ApprovalPending
                        ? await approvals.WithdrawIn(connection, transaction, ApprovalKinds.ContractEntry, opportunityId, cancellationToken)
                        : null;
                    var move = await OpportunityRows.EnterStage(connection, transaction, current, targetStage, actor, now, note, [.. restingOn.Select(e => e.EvidenceId)], cancellationToken);
                    result = new Moved(current, move, withdrawn);
                    break;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var after = await changes.Tell(opportunityId, cancellationToken) ?? throw new InvalidOperationException($"Opportunity {opportunityId} vanished after its move.");
        return result switch
        {
            Moved moved => moved with { Opportunity = after },
            MoveAwaitsApproval waits => waits with { Opportunity = after },
            _ => result,
        };
    }

    /// <summary>
    /// Closes an opportunity as won or lost (<see cref="OpportunityCloseRule"/>): the outcome is set and the close kept in its
    /// stage history as a move from its stage to the outcome, with the reason as note; a loss withdraws a pending contract entry.
    /// </summary>
    public async Task<CloseResult> Close(string opportunityId, string? outcome, string? reason, string actor, CancellationToken cancellationToken)
    {
        CloseResult result;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await OpportunityRows.Lock(connection, transaction, opportunityId, cancellationToken) is not { } current)
            {
                return new CloseOpportunityUnknown();
            }

            var verdict = OpportunityCloseRule.Decide(_options.PathOf(current.ProductLine), current.Stage, current.Closed, current.ApprovalPending, outcome, reason, _options);
            if (!verdict.Allowed)
            {
                return new CloseRefused(current, verdict);
            }

            var now = LedgerTime.Now(clock).ToUniversalTime();
            var withdrawn = current.ApprovalPending
                ? await approvals.WithdrawIn(connection, transaction, ApprovalKinds.ContractEntry, opportunityId, cancellationToken)
                : null;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE opportunity SET outcome = @outcome, last_activity_at = @now, updated_at = @now WHERE opportunity_id = @opportunityId",
                new { opportunityId, outcome, now }, transaction, cancellationToken: cancellationToken));
            var move = await OpportunityRows.InsertMove(connection, transaction, opportunityId, current.Stage, outcome!, actor, now, verdict.KeptReason, [], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            result = new OpportunityClosed(current, move, withdrawn);
        }

        var after = await changes.Tell(opportunityId, cancellationToken) ?? throw new InvalidOperationException($"Opportunity {opportunityId} vanished after it was closed.");
        return ((OpportunityClosed)result) with { Opportunity = after };
    }

    /// <summary>Keeps an evidence file for one of the documents the opportunity's current stage requires.</summary>
    public async Task<EvidenceResult> AddEvidence(string opportunityId, string requirement, string fileName, byte[] content, string uploadedBy, CancellationToken cancellationToken)
    {
        EvidenceFact stored;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await OpportunityRows.Lock(connection, transaction, opportunityId, cancellationToken) is not { } current)
            {
                return new EvidenceOpportunityUnknown();
            }

            var stage = _options.PathOf(current.ProductLine).Find(current.Stage)
                ?? throw new InvalidOperationException($"Opportunity {opportunityId} is in stage '{current.Stage}', which its path does not have.");
            var verdict = EvidenceFile.Check(content, requirement, stage, _options.Evidence);
            if (verdict.Refusal is not null)
            {
                return new EvidenceRefused(current, verdict);
            }

            var now = LedgerTime.Now(clock).ToUniversalTime();
            var row = await connection.QuerySingleAsync<PgOpportunityFacts.EvidenceRow>(new CommandDefinition(
                """
                INSERT INTO opportunity_evidence (opportunity_id, stage, requirement, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
                VALUES (@opportunityId, @stage, @requirement, @fileName, @mediaType, @size, @sha256, @content, @uploadedBy, @now)
                RETURNING evidence_id, stage, requirement, file_name, media_type, size_bytes, encode(sha256, 'hex') AS sha256, uploaded_by, uploaded_at
                """,
                new
                {
                    opportunityId, stage = current.Stage, requirement, fileName = SafeName(fileName), mediaType = verdict.MediaType, size = content.Length,
                    sha256 = SHA256.HashData(content), content, uploadedBy, now,
                },
                transaction,
                cancellationToken: cancellationToken));
            await OpportunityRows.Touch(connection, transaction, opportunityId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            stored = row.ToFact();
        }

        var after = await changes.Tell(opportunityId, cancellationToken) ?? throw new InvalidOperationException($"Opportunity {opportunityId} vanished after an upload.");
        return new EvidenceStored(after, stored);
    }

    /// <summary>An evidence file's bytes, or null when the opportunity has no such file.</summary>
    public async Task<EvidenceContent?> ReadEvidence(string opportunityId, long evidenceId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EvidenceBytesRow>(new CommandDefinition(
            """
            SELECT evidence_id, stage, requirement, file_name, media_type, size_bytes, encode(sha256, 'hex') AS sha256, uploaded_by, uploaded_at, content
            FROM opportunity_evidence WHERE opportunity_id = @opportunityId AND evidence_id = @evidenceId
            """,
            new { opportunityId, evidenceId },
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new EvidenceContent(new PgOpportunityFacts.EvidenceRow(row.evidence_id, row.stage, row.requirement, row.file_name, row.media_type, row.size_bytes, row.sha256, row.uploaded_by, row.uploaded_at).ToFact(), row.content);
    }

    private NewApprovalRequest ContractEntryRequest(OpportunityFacts opportunity, string targetStage, string actor, DateTimeOffset now) => new(
        ApprovalKinds.ContractEntry,
        opportunity.OpportunityId,
        [ChainRoles.SalesDirector],
        actor,
        null,
        opportunity.CustomerId,
        opportunity.DepartmentId,
        opportunity.RegionId,
        opportunity.Amount,
        JsonSerializer.Serialize(new
        {
            opportunityId = opportunity.OpportunityId,
            title = opportunity.Title,
            customerName = opportunity.CustomerName,
            ownerRepId = opportunity.OwnerRepId,
            productLine = opportunity.ProductLine,
            fromStage = opportunity.Stage,
            toStage = targetStage,
            amount = opportunity.Amount,
            currency = opportunity.Currency,
            approvalAmount = _options.ContractApprovalAmount,
        }));

    /// <summary>The name as shown and offered for download: its last path segment, no control characters, at most 200 characters.</summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        return name.Length == 0 ? "evidence" : name.Length > 200 ? name[..200] : name;
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record EvidenceBytesRow(
        long evidence_id, string stage, string requirement, string file_name, string media_type, int size_bytes, string sha256, string uploaded_by, DateTime uploaded_at, byte[] content);
#pragma warning restore IDE1006, CA1707
}
