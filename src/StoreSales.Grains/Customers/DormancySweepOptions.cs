namespace StoreSales.Grains.Customers;

/// <summary>
/// The dormancy sweep's schedule. Bound from configuration section <c>SalesForce:DormancySweep</c>; key and default in
/// docs/domain.md ("The live customer").
/// </summary>
public sealed record DormancySweepOptions
{
    public const string SectionName = "SalesForce:DormancySweep";

    /// <summary>Between two sweeps (an Orleans reminder). Default 1 hour: a rung reached at midnight is told within the hour.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Customer grains told at once by a sweep. Default 16.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (Period < TimeSpan.FromSeconds(1) || Period > TimeSpan.FromDays(1))
        {
            return $"{SectionName}:{nameof(Period)} must be between 1 second and 1 day (is {Period}).";
        }

        return Concurrency is < 1 or > 256 ? $"{SectionName}:{nameof(Concurrency)} must be between 1 and 256 (is {Concurrency})." : null;
    }
}
