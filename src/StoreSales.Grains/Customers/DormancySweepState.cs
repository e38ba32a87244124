namespace StoreSales.Grains.Customers;

/// <summary>The dormancy sweep's memory (state name <c>dormancy-sweep</c>): up to when customers have been told.</summary>
[GenerateSerializer]
public sealed class DormancySweepState
{
    [Id(0)]
    public DateTimeOffset? SweptUntil { get; set; }
}
