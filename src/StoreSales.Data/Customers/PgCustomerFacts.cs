using System.Collections.Immutable;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Customers;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Data.Customers;

/// <summary>
/// A customer's facts for its grain, in one round trip: the customer with its owner's and open lead's places in master
/// data, what dormancy counts from, and the purchases of its member codes (every <c>member:</c> key it holds, a merged
/// record's too) through the ledger's index on sale(member_id, rung_up_at) (migration 0250). And the training pool's
/// entries (migration 0260).
/// </summary>
public sealed class PgCustomerFacts(NpgsqlDataSource dataSource, IOptions<DormancyOptions> dormancy) : ICustomerFactsReader
{
    private const string MemberCodes =
        "SELECT substr(key, 8) COLLATE \"C\" FROM customer_key WHERE customer_id = @customerId AND key LIKE 'member:%'";

    private const string Sql =
        $"""
        SELECT c.kind AS Kind, c.owner_rep_id AS OwnerRepId, c.merged_into AS MergedInto, ro.store_id AS OwnerStoreId,
               so.region_id AS OwnerRegionId,
               greatest(c.created_at,
                        (SELECT max(assigned_at) FROM lead WHERE customer_id = c.customer_id),
                        (SELECT max(claimed_at) FROM pool_entry WHERE customer_id = c.customer_id)) AS ClockStart,
               (SELECT max(at) FROM interaction WHERE customer_id = c.customer_id AND kind = ANY(@kinds)) AS LastInteraction,
               EXISTS (SELECT 1 FROM pool_entry WHERE customer_id = c.customer_id AND claimed_at IS NULL) AS InPool,
               EXISTS (SELECT 1 FROM training_pool_entry WHERE customer_id = c.customer_id AND left_at IS NULL) AS InTrainingPool,
               ol.lead_id AS LeadId, ol.rep_id AS LeadRepId, ol.assigned_at AS LeadAssignedAt, ol.store_id AS LeadStoreId,
               ol.region_id AS LeadRegionId
        FROM customer c
        LEFT JOIN rep ro ON ro.rep_id = c.owner_rep_id
        LEFT JOIN store so ON so.store_id = ro.store_id
        LEFT JOIN LATERAL (
            SELECT l.lead_id, l.rep_id, l.assigned_at, r.store_id, s.region_id
            FROM lead l LEFT JOIN rep r ON r.rep_id = l.rep_id LEFT JOIN store s ON s.store_id = r.store_id
            WHERE l.customer_id = c.customer_id AND l.first_contact_at IS NULL) ol ON true
        WHERE c.customer_id = @customerId;

        SELECT store_id, terminal_id, sequence, rung_up_at, total FROM sale
        WHERE member_id IN ({MemberCodes})
        ORDER BY rung_up_at DESC, sequence DESC
        LIMIT @recent;

        SELECT count(*), coalesce(sum(total), 0) FROM sale
        WHERE member_id IN ({MemberCodes}) AND rung_up_at >= @since;

        SELECT graded_on::timestamp AS GradedOn, grade AS Grade, score AS Score FROM customer_grade
        WHERE customer_id = @customerId
        ORDER BY graded_on DESC
        LIMIT 1;
        """;

    public async Task<CustomerFacts?> Read(string customerId, DateTimeOffset purchasesSince, int recentPurchases, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql,
            new { customerId, kinds = CustomerActivitySql.CountingKinds(dormancy.Value), recent = recentPurchases, since = purchasesSince.UtcDateTime },
            cancellationToken: cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<FactsRow>();
        var recent = (await results.ReadAsync<(string StoreId, string TerminalId, long Sequence, DateTime RungUpAt, decimal Total)>())
            .Select(s => new MemberSale(s.StoreId, s.TerminalId, s.Sequence, LedgerTime.Utc(s.RungUpAt), s.Total))
            .ToImmutableArray();
        var (count, amount) = await results.ReadSingleAsync<(long Count, decimal Amount)>();
        var grade = await results.ReadSingleOrDefaultAsync<GradeRow>();
        if (row is null)
        {
            return null;
        }

        var activity = new CustomerActivity(
            StoredNames.CustomerKindOf(row.Kind),
            LedgerTime.Utc(row.ClockStart),
            row.LastInteraction is { } interaction ? LedgerTime.Utc(interaction) : null,
            recent.IsEmpty ? null : recent[0].RungUpAt);
        var openLead = row.LeadId is { } leadId
            ? new OpenLeadFacts(leadId, row.LeadRepId!, LedgerTime.Utc(row.LeadAssignedAt!.Value), Place(row.LeadStoreId, row.LeadRegionId))
            : null;
        return new CustomerFacts(
            customerId,
            row.MergedInto,
            activity,
            row.OwnerRepId,
            Place(row.OwnerStoreId, row.OwnerRegionId),
            openLead,
            row.InPool,
            row.InTrainingPool,
            (int)Math.Min(count, int.MaxValue),
            amount,
            recent)
        {
            LatestGrade = grade is null ? null : new CustomerGradeFacts(DateOnly.FromDateTime(grade.GradedOn), Enum.Parse<CustomerGrade>(grade.Grade), grade.Score),
        };
    }

    public async Task<bool> EnterTrainingPool(string customerId, DateTimeOffset idleSince, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO training_pool_entry (customer_id, entered_at, idle_since) VALUES (@customerId, @at, @idleSince)
            ON CONFLICT (customer_id) WHERE left_at IS NULL DO NOTHING
            """,
            new { customerId, at = at.UtcDateTime, idleSince = idleSince.UtcDateTime },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> LeaveTrainingPool(string customerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE training_pool_entry SET left_at = greatest(@at, entered_at) WHERE customer_id = @customerId AND left_at IS NULL",
            new { customerId, at = at.UtcDateTime },
            cancellationToken: cancellationToken)) > 0;
    }

    private static RepPlace? Place(string? storeId, string? regionId) =>
        storeId is not null && regionId is not null ? new RepPlace(storeId, regionId) : null;

    private sealed record GradeRow(DateTime GradedOn, string Grade, short Score);

    private sealed record FactsRow(
        string Kind,
        string OwnerRepId,
        string? MergedInto,
        string? OwnerStoreId,
        string? OwnerRegionId,
        DateTime ClockStart,
        DateTime? LastInteraction,
        bool InPool,
        bool InTrainingPool,
        long? LeadId,
        string? LeadRepId,
        DateTime? LeadAssignedAt,
        string? LeadStoreId,
        string? LeadRegionId);
}
