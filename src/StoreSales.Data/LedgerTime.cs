namespace StoreSales.Data;

/// <summary>
/// Npgsql hands a <c>timestamptz</c> column to Dapper as a <see cref="DateTime"/> in UTC; everything above the data
/// layer speaks <see cref="DateTimeOffset"/>. One conversion, so no reader guesses the kind on its own.
/// </summary>
public static class LedgerTime
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
