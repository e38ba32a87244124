namespace StoreSales.Data;

/// <summary>
/// Npgsql hands a <c>timestamptz</c> column to Dapper as a <see cref="DateTime"/> in UTC; everything above the data
/// layer speaks <see cref="DateTimeOffset"/>. One conversion, so no reader guesses the kind on its own.
/// </summary>
public static class LedgerTime
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>
    /// The clock's now as PostgreSQL keeps it (microseconds), so a moment returned to a caller is the one stored,
    /// and reading it back compares equal.
    /// </summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
