using System.Globalization;

namespace StoreSales.Edge.Simulator;

/// <summary>A simulated till's day-end totals (Z, 日结) as it closed the day: what it sends as its <c>Z</c> line and prints.</summary>
public sealed record DayEndTotals(
    string TerminalId,
    string ZNumber,
    DateOnly BusinessDay,
    DateTimeOffset ClosedAt,
    int Count,
    decimal Gross,
    IReadOnlyList<(string Method, decimal Amount)> Tenders)
{
    /// <summary>The till protocol's <c>Z</c> line (pipe form; the simulator has no returns or voids).</summary>
    public string ToPipeLine()
    {
        var tenders = string.Join(',', Tenders.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Method}:{t.Amount:0.00}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"Z|{ZNumber}|{BusinessDay:yyyy-MM-dd}|{ClosedAt:yyyy-MM-dd'T'HH:mm:sszzz}|{Count}|{Gross:0.00}|0.00|0|{tenders}");
    }
}

/// <summary>
/// What a simulated till has sold since its last Z, so it can close its day (日结) as a real till does: the number of
/// sales, their gross and the takings per tender. The simulator rings up sales only (no returns or voids).
/// </summary>
public sealed class DayEndTally(string terminalId)
{
    private readonly SortedDictionary<string, decimal> _tenders = new(StringComparer.Ordinal);
    private int _zNumber;

    public int Count { get; private set; }

    public decimal Gross { get; private set; }

    /// <summary>The business day: the day of the first sale since the last Z, as the till's clock printed it.</summary>
    public DateOnly? BusinessDay { get; private set; }

    public void Add(SimulatedSale sale)
    {
        BusinessDay ??= DateOnly.FromDateTime(sale.RungUpAt.DateTime);
        Count++;
        Gross += sale.Total;
        foreach (var (method, amount) in sale.Tenders)
        {
            _tenders[method] = _tenders.GetValueOrDefault(method) + amount;
        }
    }

    /// <summary>Closes the day at <paramref name="closedAt"/>: the Z's totals; the tally starts again.</summary>
    public DayEndTotals CloseDay(DateTimeOffset closedAt)
    {
        var totals = new DayEndTotals(
            terminalId,
            string.Create(CultureInfo.InvariantCulture, $"{terminalId}-Z{++_zNumber:D4}"),
            BusinessDay ?? DateOnly.FromDateTime(closedAt.DateTime),
            closedAt,
            Count,
            Gross,
            [.. _tenders.Select(t => (t.Key, t.Value))]);
        Count = 0;
        Gross = 0;
        BusinessDay = null;
        _tenders.Clear();
        return totals;
    }
}
