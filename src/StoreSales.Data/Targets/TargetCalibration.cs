using Dapper;
using Npgsql;
using StoreSales.Domain.Targets.Changes;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Data.Targets;

/// <summary>What became of a correction or an apply.</summary>
public enum CalibrationOutcome
{
    Done = 0,

    /// <summary>The proposal has no such store.</summary>
    StoreNotInProposal = 1,

    /// <summary>The proposal is no longer open (applied, or superseded by a newer one).</summary>
    ProposalClosed = 2,

    /// <summary>The final amounts do not add up to the region's target.</summary>
    DoesNotAddUp = 3,

    /// <summary>The target write path refused the split: the month froze between the desk's check and the write.</summary>
    Frozen = 4,
}

/// <summary>
/// Dual-track calibration (双轨校准) kept: the regional manager's correction of a store's share with its reasons, and
/// applying the calibrated proposal, which writes every store's target and its audit entry in one transaction.
/// </summary>
public sealed class TargetCalibration(NpgsqlDataSource dataSource, TargetWriter writer)
{
    /// <summary>Keeps the correction of <paramref name="storeId"/>'s share in the open proposal.</summary>
    public async Task<CalibrationOutcome> Correct(long proposalId, string storeId, decimal amount, IReadOnlyList<string> reasons, string? note, string correctedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // FOR SHARE: an apply running now (FOR UPDATE) either waits for this correction or has closed the proposal first.
        var status = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT status FROM target_proposal WHERE proposal_id = @proposalId FOR SHARE", new { proposalId }, transaction, cancellationToken: cancellationToken));
        if (status != TargetProposal.Open)
        {
            return CalibrationOutcome.ProposalClosed;
        }

        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE target_proposal_store
            SET corrected_amount = @amount, reasons = @reasons, reason_note = @note, corrected_by = @correctedBy, corrected_at = @at
            WHERE proposal_id = @proposalId AND store_id = @storeId
            """,
            new { proposalId, storeId, amount, reasons = reasons.Distinct(StringComparer.Ordinal).ToArray(), note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), correctedBy, at = at.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return CalibrationOutcome.StoreNotInProposal;
        }

        await transaction.CommitAsync(cancellationToken);
        return CalibrationOutcome.Done;
    }

    /// <summary>
    /// Writes every store's final amount as its month target (audit source <c>calibration</c>, the reasons as the why)
    /// and closes the proposal, all or nothing; refused when the final amounts do not add up to the region's target.
    /// </summary>
    /// <remarks>
    /// The stores' targets go through the one target write path (<see cref="TargetWriter"/>: audit row per store, freeze
    /// enforced), inside this transaction with the proposal's status. The changes it returns are for the live re-pace.
    /// </remarks>
    public async Task<(CalibrationOutcome Outcome, decimal Difference, IReadOnlyList<TargetChanged> Changes)> Apply(TargetProposal proposal, string appliedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var status = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT status FROM target_proposal WHERE proposal_id = @proposalId FOR UPDATE", new { proposalId = proposal.ProposalId }, transaction, cancellationToken: cancellationToken));
        if (status != TargetProposal.Open)
        {
            return (CalibrationOutcome.ProposalClosed, 0m, []);
        }

        // Read again under the lock: a correction committed after the caller read the proposal counts.
        var finals = (await connection.QueryAsync<FinalRow>(new CommandDefinition(
            """
            SELECT store_id AS StoreId, COALESCE(corrected_amount, proposed_amount) AS Final, corrected_amount AS Corrected, reasons AS Reasons, reason_note AS Note
            FROM target_proposal_store WHERE proposal_id = @proposalId ORDER BY store_id
            """,
            new { proposalId = proposal.ProposalId }, transaction, cancellationToken: cancellationToken))).AsList();
        var difference = CalibrationRule.Difference(proposal.RegionAmount, finals.Select(f => f.Final));
        if (difference != 0)
        {
            return (CalibrationOutcome.DoesNotAddUp, difference, []);
        }

        var writes = finals.Select(f => new TargetWrite(
            TargetLevel.Store,
            f.StoreId,
            proposal.Month,
            f.Final,
            f.Corrected is null ? "decomposition proposal" : "calibration: " + string.Join(", ", f.Reasons) + (f.Note is null ? "" : " (" + f.Note + ")"))).ToArray();
        if (await writer.ApplyIn(connection, transaction, writes, appliedBy, TargetChangeSource.Calibration, requestId: null, cancellationToken) is not TargetsWritten written)
        {
            return (CalibrationOutcome.Frozen, 0m, []);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE target_proposal SET status = 'applied', applied_by = @appliedBy, applied_at = @at WHERE proposal_id = @proposalId",
            new { proposalId = proposal.ProposalId, appliedBy, at = at.UtcDateTime }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (CalibrationOutcome.Done, 0m, written.Changes);
    }

    private sealed class FinalRow
    {
        public string StoreId { get; init; } = "";
        public decimal Final { get; init; }
        public decimal? Corrected { get; init; }
        public string[] Reasons { get; init; } = [];
        public string? Note { get; init; }
    }
}
