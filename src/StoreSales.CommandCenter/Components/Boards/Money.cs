using System.Collections.Concurrent;
using System.Globalization;

namespace StoreSales.CommandCenter.Components.Boards;

/// <summary>
/// Money in the chain's currency (¥) written the viewer's way (grouping, decimal mark of their language), and
/// percentages likewise.
/// </summary>
public static class Money
{
    private const string ChainCurrencySymbol = "¥";
    private static readonly ConcurrentDictionary<string, NumberFormatInfo> Formats = new(StringComparer.Ordinal);

    public static string Format(decimal amount) => amount.ToString("C0", ChainFormat(CultureInfo.CurrentCulture));

    public static string Percent(decimal? share) =>
        share is null ? "–" : share.Value.ToString("+0.0%;-0.0%;0.0%", CultureInfo.CurrentCulture);

    public static string Units(decimal units) => units.ToString("#,0.###", CultureInfo.CurrentCulture);

    private static NumberFormatInfo ChainFormat(CultureInfo culture) => Formats.GetOrAdd(culture.Name, _ =>
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = ChainCurrencySymbol;
        return format;
    });
}
