using System.Collections.Immutable;

namespace StoreSales.Domain.Alerts;

/// <summary>The sales-force alerts to raise now (one per recipient), and the raised conditions whose episode ended.</summary>
public sealed record SalesForceAlertDecision(ImmutableArray<SalesForceAlert> Raise, ImmutableArray<string> Ended);
