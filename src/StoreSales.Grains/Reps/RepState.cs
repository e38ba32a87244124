using StoreSales.Grains.Sales;
using StoreSales.Grains.Stores;

namespace StoreSales.Grains.Reps;

/// <summary>
/// The persisted live state of a rep (state name "rep"): figures and the record of which sales they contain, one row
/// written together, as a store's (<see cref="StoreState"/>). Sequence logs are keyed <c>{store}/{terminal}</c> and hold
/// only this month's sales: a rep's sales are a sparse subset of each terminal's sequences, so a log never closes its
/// gaps, and a sale of an earlier month no longer changes the figures. The same fields as a store's, in a class of its
/// own: each grain's stored layout changes on its own (a store's carries a retired id; a rep's will gain its own
/// figures), and the counting they share is <see cref="FiguresCheckpoint{TState}"/>, not the class.
/// </summary>
[GenerateSerializer]
public sealed class RepState : ILiveFigures
{
    [Id(0)] public DateOnly Day { get; set; }

    [Id(1)] public decimal DayActual { get; set; }

    [Id(2)] public int DaySales { get; set; }

    [Id(3)] public DateOnly Month { get; set; }

    [Id(4)] public decimal MonthActual { get; set; }

    [Id(5)] public int MonthSales { get; set; }

    [Id(6)] public Dictionary<string, TerminalSequences> Terminals { get; set; } = new(StringComparer.Ordinal);

    [Id(7)] public int DayBand { get; set; }

    [Id(8)] public int MonthBand { get; set; }

    [Id(9)] public long Version { get; set; }

    [Id(10)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(11)] public decimal[] DayHours { get; set; } = new decimal[24];
}
