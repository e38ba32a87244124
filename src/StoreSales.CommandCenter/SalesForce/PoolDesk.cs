using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Api;
using StoreSales.Data.Pool;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// The public pool page's reads and claims, scoped and counted as <c>GET /api/pool</c> and
/// <c>POST /api/pool/{customerId}/claim</c> are (docs/domain.md "Public pool claims"): the same listing, the same
/// transaction, the same refusals by rule, in the same metrics.
/// </summary>
public sealed class PoolDesk(PoolListing pool, PoolClaims claims, CustomerMetrics metrics)
{
    /// <summary>The page lists as many entries as the API does by default.</summary>
    public const int ListLimit = 200;

    public async Task<IReadOnlyList<PoolListEntry>> Entries(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var entries = await pool.Open(CustomerAccessRule.PoolTeams(viewer)?.ToArray(), [.. CustomerAccessRule.PoolStores(viewer)], ListLimit, cancellationToken);
        metrics.Accepted(CustomerOperations.PoolRead);
        return entries;
    }

    /// <summary>Claims the customer for the signed-in rep; a refusal carries its rule, as the API's 403/409 do.</summary>
    public async Task<PoolPageClaim> Claim(ClaimsPrincipal user, string customerId, CancellationToken cancellationToken)
    {
        const string operation = CustomerOperations.PoolClaim;
        var viewer = user.ToViewerScope();
        if (viewer.RepId is not { } repId)
        {
            metrics.Rejected(operation, "not_a_rep");
            return new PoolPageClaim(null, null, Unknown: false);
        }

        var teams = CustomerAccessRule.RepTeams(viewer);
        switch (await claims.Claim(customerId, repId, teams, cancellationToken))
        {
            case PoolClaimed claimed:
                metrics.Accepted(operation);
                return new PoolPageClaim(claimed, null, Unknown: false);
            case PoolClaimRefused { Verdict.Refusal: PoolClaimRefusal.NotInPool } refused
                when !teams.Contains(refused.DepartmentId) && CustomerAccessRule.Sight(viewer, refused.OwnerRepId, refused.DepartmentId) == CustomerSight.Hidden:
                metrics.Rejected(operation, "not_found");
                return new PoolPageClaim(null, null, Unknown: true);
            case PoolClaimRefused { Verdict.Refusal: { } refusal }:
                metrics.Rejected(operation, PoolEndpoints.RuleOf(refusal).Replace('-', '_'));
                return new PoolPageClaim(null, refusal, Unknown: false);
            default:
                metrics.Rejected(operation, "not_found");
                return new PoolPageClaim(null, null, Unknown: true);
        }
    }
}

/// <summary>
/// A claim from the pool page: <see cref="Claimed"/> when it succeeded, else the <see cref="Refusal"/> by rule, or
/// <see cref="Unknown"/> (no such customer in the viewer's sight); all empty when the viewer is no rep.
/// </summary>
public sealed record PoolPageClaim(PoolClaimed? Claimed, PoolClaimRefusal? Refusal, bool Unknown);
