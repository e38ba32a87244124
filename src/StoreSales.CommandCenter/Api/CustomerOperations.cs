namespace StoreSales.CommandCenter.Api;

/// <summary>The operations of the customer API, as the metrics' <c>operation</c> tag names them.</summary>
public static class CustomerOperations
{
    public const string Create = "create";
    public const string Read = "read";
    public const string Interaction = "interaction";
    public const string Lead = "lead";
    public const string Merge = "merge";
    public const string PoolRead = "pool-read";
    public const string PoolClaim = "pool-claim";
}
