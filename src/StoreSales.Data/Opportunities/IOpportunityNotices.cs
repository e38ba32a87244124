namespace StoreSales.Data.Opportunities;

/// <summary>
/// Told, after the commit, of every opportunity that changed (moved, evidence added, its contract entry decided): the
/// command center passes it on to the opportunity's grain and to the open pipeline pages. Best effort: the change is
/// committed whether or not anyone hears of it (the grain re-reads on its next reminder tick, a page on its next notice).
/// </summary>
public interface IOpportunityNotices
{
    Task Changed(string opportunityId, string ownerRepId, string departmentId, CancellationToken cancellationToken);
}
