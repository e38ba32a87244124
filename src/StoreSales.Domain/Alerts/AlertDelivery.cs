namespace StoreSales.Domain.Alerts;

/// <summary>One recipient of a condition's alert and how urgent it is for them.</summary>
public sealed record AlertDelivery(AlertSeverity Severity, AlertRoute Route);
