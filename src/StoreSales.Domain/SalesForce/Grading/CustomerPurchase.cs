namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>A sale or order of the customer: a till sale with their member code, or a B2B order. A return is negative.</summary>
public sealed record CustomerPurchase(DateTimeOffset At, decimal Amount);
