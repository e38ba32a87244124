namespace StoreSales.Domain.Pacing;

/// <summary>A store's daily opening hours in store local time. Close after open; no overnight stores yet.</summary>
public sealed record OpeningHours(TimeOnly Opens, TimeOnly Closes)
{
    public static readonly OpeningHours Default = new(new TimeOnly(8, 0), new TimeOnly(22, 0));

    public TimeSpan Length => Closes - Opens;

    public bool IsValid => Closes > Opens;

    public bool IsOpenAt(TimeOnly time) => time >= Opens && time < Closes;
}
