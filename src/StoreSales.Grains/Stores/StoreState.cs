using StoreSales.Grains.Sales;

namespace StoreSales.Grains.Stores;

/// <summary>
/// The persisted live state of a store (state name "store"). Figures and the record of which sales they
/// contain are one row, written together, so a sale is counted exactly once.
/// </summary>
[GenerateSerializer]
public sealed class StoreState : ILiveFigures
{
    /// <summary>The store-local day the day figures belong to.</summary>
    [Id(0)] public DateOnly Day { get; set; }

    [Id(1)] public decimal DayActual { get; set; }

    [Id(2)] public int DaySales { get; set; }

    /// <summary>First day of the store-local month the month figures belong to.</summary>
    [Id(3)] public DateOnly Month { get; set; }

    [Id(4)] public decimal MonthActual { get; set; }

    [Id(5)] public int MonthSales { get; set; }

    /// <summary>Per terminal: which sequence numbers are already counted.</summary>
    [Id(6)] public Dictionary<string, TerminalSequences> Terminals { get; set; } = new(StringComparer.Ordinal);

    // Id 7 is retired (hot-item minutes); the hot-item window is rebuilt from the ledger on activation.

    /// <summary>Last shown bands, for hysteresis (as ints of <c>TargetBand</c>).</summary>
    [Id(8)] public int DayBand { get; set; }

    [Id(9)] public int MonthBand { get; set; }

    /// <summary>Increases with every change; clients keep the newest.</summary>
    [Id(10)] public long Version { get; set; }

    [Id(11)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Today's sales per store-local hour (24), counted with the day figures.</summary>
    [Id(12)] public decimal[] DayHours { get; set; } = new decimal[24];
}

[GenerateSerializer]
public sealed class TerminalSequences
{
    [Id(0)] public long Watermark { get; set; }

    [Id(1)] public List<long> Above { get; set; } = [];
}
