using Microsoft.Extensions.Options;
using StoreSales.Data.Reps;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// The rep board's process-health radar reads what <c>GET /api/reps/{repId}/health</c> answers: the week's counts from
/// PostgreSQL (<see cref="RepProcessHealthCounts"/>, set-based) judged by <see cref="RepProcessHealth"/>.
/// </summary>
public sealed class WeeklyProcessHealth(RepProcessHealthCounts counts, IOptions<ProcessHealthOptions> options, TimeProvider clock) : IRepProcessHealthSource
{
    public async Task<ProcessHealthReport?> Week(string repId, DateOnly weekStart, CancellationToken cancellationToken)
    {
        var counted = await counts.Of([repId], weekStart, clock.GetUtcNow(), cancellationToken);
        return counted.TryGetValue(repId, out var week) ? RepProcessHealth.Evaluate(week, options.Value) : null;
    }
}
