using StoreSales.Domain.Access;

namespace StoreSales.Data.HandOvers;

/// <summary>Which hand-overs a list shows: the viewer's scope (<see cref="HandOverAccessRule.ListScope"/>), optionally one departing rep and open or completed only.</summary>
public sealed record HandOverFilter(HandOverScope Scope, string? RepId = null, bool? Completed = null, int Limit = 500);
