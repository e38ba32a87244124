using System.Globalization;

namespace StoreSales.Edge.Simulator;

/// <summary>
/// What a simulated till has sold since its last Z, so it can print its day-end report (日结) as a real till does: the
/// number of sales, their gross and the takings per tender. The simulator rings up sales only (no returns or voids).
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

    /// <summary>The Z line (pipe form) closing the day at <paramref name="closedAt"/>; the tally starts again.</summary>
    public string CloseDay(DateTimeOffset closedAt)
    {
        var day = BusinessDay ?? DateOnly.FromDateTime(closedAt.DateTime);
        var tenders = string.Join(',', _tenders.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key}:{t.Value:0.00}")));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Z|{terminalId}-Z{++_zNumber:D4}|{day:yyyy-MM-dd}|{closedAt:yyyy-MM-dd'T'HH:mm:sszzz}|{Count}|{Gross:0.00}|0.00|0|{tenders}");
        Count = 0;
        Gross = 0;
        BusinessDay = null;
        _tenders.Clear();
        return line;
    }
}
