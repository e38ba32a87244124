using StoreSales.Data.HandOvers;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.HandOvers;

/// <summary>A hand-over as the viewer may see it, judged now (<see cref="HandOverRule.Evaluate"/>), and whether they may work it.</summary>
public sealed record HandOverView(HandOverRecord Record, HandOverState State, bool CanManage);
