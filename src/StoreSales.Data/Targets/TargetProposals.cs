using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Domain.Targets.Changes;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Data.Targets;

/// <summary>
/// Keeps decomposition proposals (target_proposal, target_proposal_store): a new proposal supersedes the region's open
/// one for the month and sets the region's target in the same transaction; the latest proposal is read back with its
/// stores' names.
/// </summary>
public sealed class TargetProposals(NpgsqlDataSource dataSource, TargetWriter writer)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Keeps <paramref name="stores"/> as the month's proposal and sets the region's target through the one target write
    /// path (audit row, freeze enforced); returns the proposal's id, or null when that path refused (the month froze
    /// between the caller's check and the write): then nothing is kept.
    /// </summary>
    public async Task<long?> Create(string regionId, DateOnly month, decimal regionAmount, IReadOnlyList<StoreShareProposal> stores, string proposedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var monthStart = month.ToDateTime(TimeOnly.MinValue);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE target_proposal SET status = 'superseded' WHERE region_id = @regionId AND month = @month AND status = 'open'",
            new { regionId, month = monthStart }, transaction, cancellationToken: cancellationToken));
        var proposalId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO target_proposal (region_id, month, region_amount, proposed_by, proposed_at)
            VALUES (@regionId, @month, @regionAmount, @proposedBy, @at) RETURNING proposal_id
            """,
            new { regionId, month = monthStart, regionAmount, proposedBy, at = at.UtcDateTime }, transaction, cancellationToken: cancellationToken));

        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO target_proposal_store (proposal_id, store_id, baseline, baseline_source, factors, proposed_amount)
            SELECT @proposalId, i.store_id, i.baseline, i.source, i.factors, i.proposed
            FROM unnest(@stores, @baselines, @sources, @factors, @proposed) AS i(store_id, baseline, source, factors, proposed)
            """,
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("proposalId", proposalId);
            command.Parameters.AddWithValue("stores", stores.Select(s => s.StoreId).ToArray());
            command.Parameters.AddWithValue("baselines", stores.Select(s => s.Baseline).ToArray());
            command.Parameters.AddWithValue("sources", stores.Select(s => SourceName(s.Source)).ToArray());
            command.Parameters.Add(new NpgsqlParameter("factors", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
            {
                Value = stores.Select(s => JsonSerializer.Serialize(s.Factors, Json)).ToArray(),
            });
            command.Parameters.AddWithValue("proposed", stores.Select(s => s.Proposed).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var region = new TargetWrite(TargetLevel.Region, regionId, month, regionAmount, "decomposition");
        if (await writer.ApplyIn(connection, transaction, [region], proposedBy, TargetChangeSource.Edit, requestId: null, cancellationToken) is not TargetsWritten)
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return proposalId;
    }

    /// <summary>The region's latest proposal for the month (open, applied or superseded), or null when there is none.</summary>
    public async Task<TargetProposal?> Latest(string regionId, DateOnly month, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var head = await connection.QuerySingleOrDefaultAsync<ProposalRow>(new CommandDefinition(
            """
            SELECT proposal_id AS ProposalId, region_amount AS RegionAmount, status AS Status, proposed_by AS ProposedBy,
                   proposed_at AS ProposedAt, applied_by AS AppliedBy, applied_at AS AppliedAt
            FROM target_proposal WHERE region_id = @regionId AND month = @month
            ORDER BY proposal_id DESC LIMIT 1
            """,
            new { regionId, month = month.ToDateTime(TimeOnly.MinValue) }, cancellationToken: cancellationToken));
        if (head is null)
        {
            return null;
        }

        var stores = await connection.QueryAsync<StoreRow>(new CommandDefinition(
            """
            SELECT p.store_id AS StoreId, s.name AS StoreName, p.baseline_source AS BaselineSource, p.baseline AS Baseline,
                   p.factors::text AS Factors, p.proposed_amount AS ProposedAmount, p.corrected_amount AS CorrectedAmount,
                   p.reasons AS Reasons, p.reason_note AS ReasonNote, p.corrected_by AS CorrectedBy, p.corrected_at AS CorrectedAt
            FROM target_proposal_store p JOIN store s USING (store_id)
            WHERE p.proposal_id = @proposalId ORDER BY p.store_id
            """,
            new { proposalId = head.ProposalId }, cancellationToken: cancellationToken));
        return new TargetProposal(
            head.ProposalId, regionId, month, head.RegionAmount, head.Status, head.ProposedBy, Utc(head.ProposedAt), head.AppliedBy,
            head.AppliedAt is { } applied ? Utc(applied) : null,
            [.. stores.Select(s => new TargetProposalStore(
                s.StoreId, s.StoreName, SourceOf(s.BaselineSource), s.Baseline,
                JsonSerializer.Deserialize<FactorEffect[]>(s.Factors, Json) ?? [],
                s.ProposedAmount, s.CorrectedAmount, s.Reasons, s.ReasonNote, s.CorrectedBy,
                s.CorrectedAt is { } corrected ? Utc(corrected) : null))]);
    }

    public static string SourceName(BaselineSource source) => source switch
    {
        BaselineSource.LastYear => "last-year",
        BaselineSource.RecentRunRate => "recent-run-rate",
        BaselineSource.RegionAverage => "region-average",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    private static BaselineSource SourceOf(string name) => name switch
    {
        "recent-run-rate" => BaselineSource.RecentRunRate,
        "region-average" => BaselineSource.RegionAverage,
        _ => BaselineSource.LastYear,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record ProposalRow(long ProposalId, decimal RegionAmount, string Status, string ProposedBy, DateTime ProposedAt, string? AppliedBy, DateTime? AppliedAt);

    // A class with settable properties, not a positional record: Dapper hands text[] to a constructor as System.Array.
    private sealed class StoreRow
    {
        public string StoreId { get; init; } = "";
        public string StoreName { get; init; } = "";
        public string BaselineSource { get; init; } = "";
        public decimal Baseline { get; init; }
        public string Factors { get; init; } = "[]";
        public decimal ProposedAmount { get; init; }
        public decimal? CorrectedAmount { get; init; }
        public string[] Reasons { get; init; } = [];
        public string? ReasonNote { get; init; }
        public string? CorrectedBy { get; init; }
        public DateTime? CorrectedAt { get; init; }
    }
}
