using System.Security.Claims;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Finds an opportunity for a viewer, applying <see cref="OpportunityAccessRule"/>: one the viewer may not see is not
/// found, exactly like one that does not exist (another team's rep learns nothing, not even of its evidence files).
/// </summary>
public sealed class OpportunityAccess(IOpportunityFactsReader opportunities)
{
    public async Task<SeenOpportunity?> Find(ClaimsPrincipal viewer, string opportunityId, CancellationToken cancellationToken)
    {
        if (!opportunityId.StartsWith(Data.Opportunities.OpportunityIds.Prefix, StringComparison.Ordinal)
            || await opportunities.Read(opportunityId, cancellationToken) is not { } facts)
        {
            return null;
        }

        var scope = viewer.ToViewerScope();
        return OpportunityAccessRule.CanSee(scope, facts.OwnerRepId, facts.DepartmentId, facts.OwnerStoreId, facts.RegionId)
            ? new SeenOpportunity(facts, OpportunityAccessRule.CanWork(scope, facts.OwnerRepId, facts.DepartmentId, facts.OwnerStoreId))
            : null;
    }
}

/// <summary>An opportunity the viewer may see, and whether they may work it (move, upload).</summary>
public sealed record SeenOpportunity(OpportunityFacts Facts, bool CanWork);
