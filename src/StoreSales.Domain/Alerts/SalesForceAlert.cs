namespace StoreSales.Domain.Alerts;

/// <summary>A sales-force alert to raise: the condition, for one recipient, at its severity.</summary>
public sealed record SalesForceAlert(string Condition, AlertSeverity Severity, AlertRoute Route);
