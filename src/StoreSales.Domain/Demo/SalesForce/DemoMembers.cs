using System.Globalization;

namespace StoreSales.Domain.Demo.SalesForce;

/// <summary>
/// The member codes of the demo chain: the demo's member customers hold the first codes of this range, and the simulated
/// tills draw their members from all of it, so some live till sales land on known customers and the rest on members the
/// chain has never registered (which the server must count, not fail on) — as at a real till.
/// </summary>
public static class DemoMembers
{
    /// <summary>Codes the simulated tills draw from: <c>M10000000</c> to <c>M10009999</c>.</summary>
    public const int Range = 10_000;

    private const int First = 10_000_000;

    public static string Code(int index) =>
        index is >= 0 and < Range
            ? string.Create(CultureInfo.InvariantCulture, $"M{First + index}")
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"Demo member codes are numbered 0 to {Range - 1}.");

    /// <summary>A member of the range, drawn uniformly.</summary>
    public static string Draw(Random random) => Code(random.Next(Range));
}
