using StoreSales.Grains.Stores;

namespace StoreSales.Grains.Sales;

/// <summary>
/// A day's and a month's sales counted exactly once, with the record of which sales they contain: what a store's and a
/// rep's persisted states have in common, so one <see cref="FiguresCheckpoint{TState}"/> counts and writes both. An
/// interface, not a base class: each state class keeps its own serialized layout (Orleans serializes a base class as a
/// layer of its own, so moving fields into one would change the rows already stored).
/// </summary>
internal interface ILiveFigures
{
    /// <summary>The local day the day figures belong to.</summary>
    DateOnly Day { get; set; }

    decimal DayActual { get; set; }

    int DaySales { get; set; }

    /// <summary>First day of the local month the month figures belong to.</summary>
    DateOnly Month { get; set; }

    decimal MonthActual { get; set; }

    int MonthSales { get; set; }

    /// <summary>Per sequence log (a store's terminal; a rep's store and terminal): which sequence numbers are counted.</summary>
    Dictionary<string, TerminalSequences> Terminals { get; set; }

    /// <summary>Last shown bands, for hysteresis (as ints of <c>TargetBand</c>).</summary>
    int DayBand { get; set; }

    int MonthBand { get; set; }

    /// <summary>Increases with every change; clients keep the newest.</summary>
    long Version { get; set; }

    DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Today's sales per local hour (24).</summary>
    decimal[] DayHours { get; set; }
}
