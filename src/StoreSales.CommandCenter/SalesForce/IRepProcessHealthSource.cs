using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// Where the rep board reads a rep's weekly process health (docs/domain.md "Rep process health"). The board shows its
/// radar only when a source is registered in the services: until the weekly figures are computed nothing is drawn, so
/// no page ever shows invented numbers.
/// </summary>
public interface IRepProcessHealthSource
{
    /// <summary>The rep's week starting <paramref name="weekStart"/> (a Monday in the chain's calendar), or null when there is none.</summary>
    Task<ProcessHealthReport?> Week(string repId, DateOnly weekStart, CancellationToken cancellationToken);
}
