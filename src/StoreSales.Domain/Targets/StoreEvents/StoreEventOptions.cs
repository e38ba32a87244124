namespace StoreSales.Domain.Targets.StoreEvents;

/// <summary>Limits on recorded store events. Bound from <c>Targets:StoreEvents</c>; defaults are docs/domain.md's ("Store events").</summary>
public sealed record StoreEventOptions
{
    public const string SectionName = "Targets:StoreEvents";

    /// <summary>The longest span one event may cover (a longer closure is recorded as several events). Default 31 days.</summary>
    public TimeSpan MaxSpan { get; init; } = TimeSpan.FromDays(31);

    /// <summary>The largest expected uplift a promotion may carry (1.0 = +100 %). Default 1.0.</summary>
    public decimal MaxExpectedUplift { get; init; } = 1.0m;

    /// <summary>The longest note, in characters. Default 500.</summary>
    public int NoteMaxLength { get; init; } = 500;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (MaxSpan <= TimeSpan.Zero || MaxSpan > TimeSpan.FromDays(366))
        {
            return $"{SectionName}:{nameof(MaxSpan)} must be more than zero and at most 366 days (is {MaxSpan}); write days as d.hh:mm:ss.";
        }

        // numeric(6, 4) holds up to 99.9999.
        if (MaxExpectedUplift is <= 0 or > 99m)
        {
            return $"{SectionName}:{nameof(MaxExpectedUplift)} must be above 0 and at most 99 (is {MaxExpectedUplift}).";
        }

        return NoteMaxLength is < 1 or > 10_000 ? $"{SectionName}:{nameof(NoteMaxLength)} must be between 1 and 10000 (is {NoteMaxLength})." : null;
    }
}
