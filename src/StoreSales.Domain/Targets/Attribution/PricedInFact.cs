namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// What the month's applied decomposition already priced into the store's target (target_proposal_store of the latest
/// applied proposal): the store events it knew of (recorded by <paramref name="ProposedAt"/>), and the closures' and
/// promotions' effects on the store's indicated amount (baseline plus factors). The proposal split the region's target in
/// proportion to the indicated amounts, so an effect is worth <c>effect × Proposed / Indicated</c> of the target.
/// </summary>
public sealed record PricedInFact(DateTimeOffset ProposedAt, decimal Indicated, decimal Proposed, decimal ClosureEffect, decimal PromotionEffect)
{
    /// <summary>How much the closures the decomposition knew of lowered the target (money of the target, 0 or more).</summary>
    public decimal ClosureAllowance => InTarget(Math.Max(0m, -ClosureEffect));

    /// <summary>How much the promotions the decomposition knew of raised the target (money of the target, 0 or more).</summary>
    public decimal PromotionUplift => InTarget(Math.Max(0m, PromotionEffect));

    /// <summary>Whether the decomposition knew of an event recorded at <paramref name="recordedAt"/> when it proposed.</summary>
    public bool Knew(DateTimeOffset recordedAt) => recordedAt <= ProposedAt;

    private decimal InTarget(decimal effect) => Indicated > 0m ? Math.Round(effect * Proposed / Indicated, 2) : 0m;
}
