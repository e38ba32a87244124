using Dapper;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>
/// What dormancy counts as a customer's activity (<see cref="DormancyRule"/>), in SQL over a customer row <c>c</c>: its
/// creation, its last lead assignment, its last claim from the pool, its last completed hand-over (the successor's start,
/// as an assignment), its last interaction of a counting kind
/// (<c>@kinds</c>) and, where its kind's purchases count (<c>@purchasesCountForAccounts</c>,
/// <c>@purchasesCountForMembers</c>), its last till sale under one of its member codes (<c>member:</c> keys, through the
/// ledger's index on sale(member_id, rung_up_at), migration 0250). One text for the pool release and the dormancy sweep,
/// so both count alike.
/// </summary>
public static class CustomerActivitySql
{
    /// <summary>True when the customer has no activity at or after the moment parameter <paramref name="since"/> (e.g. <c>@activeSince</c>).</summary>
    public static string NoneSince(string since) =>
        $"""
        c.created_at < {since}
          AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at >= {since})
          AND NOT EXISTS (SELECT 1 FROM lead l WHERE l.customer_id = c.customer_id AND l.assigned_at >= {since})
          AND NOT EXISTS (SELECT 1 FROM customer_handover h WHERE h.customer_id = c.customer_id AND h.completed_at >= {since})
          AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.customer_id = c.customer_id AND i.at >= {since} AND i.kind = ANY(@kinds))
          AND NOT ({PurchaseCounts("c")} AND EXISTS (
                SELECT 1 FROM customer_key k JOIN sale s ON s.member_id = substr(k.key, 8) COLLATE "C"
                WHERE k.customer_id = c.customer_id AND k.key LIKE 'member:%' AND s.rung_up_at >= {since}))
        """;

    /// <summary>Whether a purchase is activity for the customer row <paramref name="alias"/>, by its kind.</summary>
    public static string PurchaseCounts(string alias) =>
        $"(CASE {alias}.kind WHEN 'account' THEN @purchasesCountForAccounts ELSE @purchasesCountForMembers END)";

    /// <summary>The parameters the texts above use, from the dormancy settings.</summary>
    public static DynamicParameters Parameters(DormancyOptions options)
    {
        var parameters = new DynamicParameters();
        parameters.Add("kinds", CountingKinds(options));
        parameters.Add("purchasesCountForAccounts", options.PurchaseCountsForAccounts);
        parameters.Add("purchasesCountForMembers", options.PurchaseCountsForMembers);
        return parameters;
    }

    /// <summary>The interaction kinds that keep a customer active, as stored.</summary>
    public static string[] CountingKinds(DormancyOptions options) =>
        Enum.GetValues<InteractionKind>().Where(k => DormancyRule.CountsAsActivity(k, options)).Select(k => StoredNames.Of(k)).ToArray();
}
