namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>
/// What a grade needs over the RFM window: the last order at most <see cref="MaxRecencyDays"/> days ago, at least
/// <see cref="MinOrders"/> orders and at least <see cref="MinAmount"/> spent. All three must hold.
/// </summary>
public sealed record RfmCutOffs
{
    /// <summary>Recency: calendar days from the last order's date to the grading date.</summary>
    public int MaxRecencyDays { get; init; }

    /// <summary>Frequency: orders (sales with a positive amount) in the window.</summary>
    public int MinOrders { get; init; }

    /// <summary>Monetary: the net amount in the window (returns subtract), in the chain's currency.</summary>
    public decimal MinAmount { get; init; }

    /// <summary>Whether figures meet these cut-offs.</summary>
    public bool AreMetBy(RfmFigures figures) =>
        figures.DaysSinceLastOrder is { } days && days <= MaxRecencyDays && figures.Orders >= MinOrders && figures.Amount >= MinAmount;

    /// <summary>Whether these cut-offs ask at least as much as <paramref name="other"/> on every measure.</summary>
    public bool AreAtLeastAsStrictAs(RfmCutOffs other) =>
        MaxRecencyDays <= other.MaxRecencyDays && MinOrders >= other.MinOrders && MinAmount >= other.MinAmount;
}
