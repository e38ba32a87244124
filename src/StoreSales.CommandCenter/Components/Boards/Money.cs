using System.Globalization;

namespace StoreSales.CommandCenter.Components.Boards;

/// <summary>Money and percentages as the chain reads them (¥, zh-CN grouping).</summary>
public static class Money
{
    private static readonly CultureInfo Chain = CultureInfo.GetCultureInfo("zh-CN");

    public static string Format(decimal amount) => amount.ToString("C0", Chain);

    public static string Percent(decimal? share) => share is null ? "–" : share.Value.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
}
