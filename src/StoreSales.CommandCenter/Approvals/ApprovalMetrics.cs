using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Approvals;

/// <summary>
/// Counters of the approvals inbox (API and page alike): reads and decisions done, and every refusal by its rule
/// (<c>own_request</c>, <c>already_decided</c>, <c>not_approver</c>, <c>role_already_decided</c>, <c>reason_required</c>,
/// <c>not_found</c>), by operation.
/// </summary>
public sealed class ApprovalMetrics(IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.approvals.requests.accepted", "Approvals inbox requests done (inbox read, request read, decision kept), by operation"),
    new("storesales.approvals.requests.rejected", "Approvals inbox requests refused, by operation and rule"),
    reasonTag: "rule")
{
    public const string MeterName = "StoreSales.Approvals";

    /// <summary><c>own-request</c> → <c>own_request</c>: tags are snake case like the other areas'.</summary>
    protected override string Tag(string reason) => reason.Replace('-', '_');
}
