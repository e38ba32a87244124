using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>
/// The pipeline read side (docs/domain.md "Opportunities"): a rep's or a team's open opportunities, each with its age
/// judged by the same rule and settings the opportunity grains use (<see cref="OpportunityAgeing"/>, bound in both hosts),
/// stalest first within a stage. One query on the owner or department index (migration 0360). With <c>closedSince</c>, the
/// opportunities closed (won or lost) since then come too, each card with its <see cref="PipelineCard.Outcome"/>, so a
/// pipeline shows the won and the lost apart from the open ones.
/// </summary>
public sealed class OpportunityPipeline(NpgsqlDataSource dataSource, IOptions<OpportunityOptions> options, TimeProvider clock)
{
    private const string Columns =
        """
        SELECT o.opportunity_id, o.title, o.customer_id, c.display_name AS customer_name, o.owner_rep_id, o.department_id, o.product_line,
               o.amount, o.currency, o.stage, o.stage_entered_at, o.last_activity_at,
               EXISTS (SELECT 1 FROM approval_request a WHERE a.kind = @kind AND a.subject_id = o.opportunity_id AND a.status = 'pending') AS approval_pending,
               r.store_id AS owner_store_id, s.region_id, o.outcome
        FROM opportunity o JOIN customer c ON c.customer_id = o.customer_id
        LEFT JOIN rep r ON r.rep_id = o.owner_rep_id LEFT JOIN store s ON s.store_id = r.store_id
        """;

    // Open ones on the partial index; closed ones (when asked) since a time, by when they were closed.
    private const string OpenOrRecentlyClosed = "(o.outcome IS NULL OR (@closedSince::timestamptz IS NOT NULL AND o.updated_at >= @closedSince::timestamptz))";

    public Task<IReadOnlyList<PipelineCard>> OfRep(string repId, int limit, CancellationToken cancellationToken, DateTimeOffset? closedSince = null) =>
        Read($"{Columns} WHERE o.owner_rep_id = @key AND {OpenOrRecentlyClosed} ORDER BY o.last_activity_at LIMIT @limit", repId, limit, closedSince, cancellationToken);

    public Task<IReadOnlyList<PipelineCard>> OfTeam(string departmentId, int limit, CancellationToken cancellationToken, DateTimeOffset? closedSince = null) =>
        Read($"{Columns} WHERE o.department_id = @key AND {OpenOrRecentlyClosed} ORDER BY o.last_activity_at LIMIT @limit", departmentId, limit, closedSince, cancellationToken);

    private async Task<IReadOnlyList<PipelineCard>> Read(string sql, string key, int limit, DateTimeOffset? closedSince, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CardRow>(new CommandDefinition(
            sql, new { key, limit, kind = ApprovalKinds.ContractEntry, closedSince = closedSince?.UtcDateTime }, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var paths = new Dictionary<string, OpportunityPath>(StringComparer.Ordinal);
        var cards = new List<PipelineCard>();
        foreach (var row in rows)
        {
            if (!paths.TryGetValue(row.product_line, out var path))
            {
                path = paths[row.product_line] = settings.PathOf(row.product_line);
            }

            // A stage no longer configured (the path was changed) still shows, in its own column at the end, aged by the defaults.
            var stage = path.Find(row.stage) ?? new OpportunityStage(row.stage, path.Stages.Length, [], settings.YellowAfter, settings.StalledAfter);
            var lastActivity = LedgerTime.Utc(row.last_activity_at);
            var age = OpportunityAgeing.Evaluate(stage, lastActivity, now);
            cards.Add(new PipelineCard(
                row.opportunity_id, row.title, row.customer_id, row.customer_name, row.owner_rep_id, row.department_id, row.product_line, row.amount, row.currency,
                row.stage, stage.Index, LedgerTime.Utc(row.stage_entered_at), lastActivity, age.Colour, age.Idle, row.approval_pending, row.owner_store_id, row.region_id, row.outcome));
        }

        return cards;
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record CardRow(
        string opportunity_id, string title, string customer_id, string customer_name, string owner_rep_id, string department_id, string product_line,
        decimal amount, string currency, string stage, DateTime stage_entered_at, DateTime last_activity_at, bool approval_pending, string? owner_store_id, string? region_id, string? outcome);
#pragma warning restore IDE1006, CA1707
}
