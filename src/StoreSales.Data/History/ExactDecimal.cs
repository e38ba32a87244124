namespace StoreSales.Data.History;

/// <summary>
/// A whole number of thousandths or cents as the decimal the ledger's numeric columns take, built from its digits and scale
/// rather than divided (a decimal division per value was a tenth of the client's time copying a chunk).
/// </summary>
internal static class ExactDecimal
{
    public static decimal Thousandths(long units) => Of(units, 3);

    public static decimal Cents(long cents) => Of(cents, 2);

    private static decimal Of(long units, byte scale)
    {
        var magnitude = units < 0 ? (ulong)-(units + 1) + 1 : (ulong)units;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, units < 0, scale);
    }
}
