namespace StoreSales.Grains;

/// <summary>Names of the grain storage providers the grains persist to.</summary>
public static class GrainStorageNames
{
    /// <summary>Live figures of stores and other long-lived subjects (ADO.NET on PostgreSQL in production).</summary>
    public const string Live = "live";
}
