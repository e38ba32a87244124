namespace StoreSales.Domain.SalesForce.Pool;

/// <summary>Whether a claim is allowed; when not, the rule it broke and a sentence naming it for the rep.</summary>
public sealed record PoolClaimVerdict(PoolClaimRefusal? Refusal, string? Reason)
{
    public static readonly PoolClaimVerdict Allowed = new(null, null);

    public bool IsAllowed => Refusal is null;

    public static PoolClaimVerdict Refused(PoolClaimRefusal refusal, string reason) => new(refusal, reason);
}
