using Dapper;
using Npgsql;
using StoreSales.Data.Customers;

namespace StoreSales.Data.HandOvers;

/// <summary>
/// A successor's hand-over pack (docs/domain.md "Offboarding hand-over"): the customer's profile, its order history
/// (the member's till purchases, <see cref="MemberPurchases"/>), the last notes handed over, and what is open: an open
/// lead, next actions not done.
/// </summary>
public sealed class HandOverPacks(NpgsqlDataSource dataSource, CustomerLookup customers, MemberPurchases purchases, TimeProvider clock)
{
    /// <summary>Purchases shown: the newest this many, and the count and amount of the last <see cref="PurchaseDays"/> days.</summary>
    public const int PurchaseLimit = 20;

    public const int PurchaseDays = 90;

    public async Task<HandOverPack?> Of(HandOverRecord handOver, CancellationToken cancellationToken)
    {
        if (await customers.Find(handOver.CustomerId, cancellationToken) is not { } customer)
        {
            return null;
        }

        var history = customer.MemberCode is { } code
            ? await purchases.Of(code, clock.GetUtcNow().AddDays(-PurchaseDays), PurchaseLimit, cancellationToken)
            : null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var actions = await connection.QueryAsync<(string NextAction, DateOnly Due, string RepId, DateTime RecordedAt)>(new CommandDefinition(
            """
            SELECT next_action, next_action_due, rep_id, at FROM interaction
            WHERE customer_id = @customerId AND next_action_due IS NOT NULL AND next_action_done_at IS NULL
            ORDER BY next_action_due, interaction_id
            """,
            new { customerId = handOver.CustomerId },
            cancellationToken: cancellationToken));
        return new HandOverPack(
            handOver,
            customer,
            history,
            customer.LatestLead is { IsOpen: true } lead ? lead : null,
            [.. actions.Select(a => new OpenAction(a.NextAction, a.Due, a.RepId, LedgerTime.Utc(a.RecordedAt)))]);
    }
}

/// <summary>Everything a successor needs to take a customer over.</summary>
public sealed record HandOverPack(HandOverRecord HandOver, CustomerRecord Customer, MemberPurchaseHistory? Purchases, LeadRecord? OpenLead, IReadOnlyList<OpenAction> OpenActions);

/// <summary>A next action promised to the customer and not done yet.</summary>
public sealed record OpenAction(string Action, DateOnly Due, string RepId, DateTimeOffset RecordedAt);
