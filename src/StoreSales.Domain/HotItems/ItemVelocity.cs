namespace StoreSales.Domain.HotItems;

/// <summary>Units of one item sold in one minute at one store.</summary>
public readonly record struct MinuteItemSales(long Minute, string ItemCode, decimal Units)
{
    public static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}

/// <summary>An item's sales velocity over the sliding window.</summary>
public sealed record ItemVelocity(string ItemCode, decimal Units, decimal UnitsPerHour);
