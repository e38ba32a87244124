using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Access;

/// <summary>Counters of store-key administration (API, page and CLI alike): keys issued, rotated, revoked, and every refusal by rule.</summary>
public sealed class StoreKeyMetrics(System.Diagnostics.Metrics.IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.access.store_keys.requests.accepted", "Store-key operations done (issue, rotate, revoke, list), by operation"),
    new("storesales.access.store_keys.requests.rejected", "Store-key operations refused, by operation and rule (admin-only, unknown-store, unknown-key, label-too-long)"),
    "rule")
{
    public const string MeterName = "StoreSales.Access.StoreKeys";
}
