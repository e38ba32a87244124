using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>A stage of a resolved path: its place, the documents it requires before the next, and its ageing limits.</summary>
public sealed record OpportunityStage(string Name, int Index, ImmutableArray<string> Evidence, TimeSpan YellowAfter, TimeSpan StalledAfter);
