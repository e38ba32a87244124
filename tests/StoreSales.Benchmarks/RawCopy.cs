using Npgsql;

namespace StoreSales.Benchmarks;

/// <summary>
/// Rows moved in PostgreSQL's own binary COPY format, untouched by the client: what a COPY ceiling times is then the
/// server's work alone, not an encoder's.
/// </summary>
internal static class RawCopy
{
    /// <summary>The bytes of <c>COPY (…) TO STDOUT (FORMAT BINARY)</c>.</summary>
    public static async Task<byte[]> Out(NpgsqlDataSource dataSource, string statement)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginRawBinaryCopyAsync(statement);
        using var buffer = new MemoryStream();
        await copy.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>Sends <paramref name="rows"/> (as <see cref="Out"/> read them) through <c>COPY … FROM STDIN (FORMAT BINARY)</c>.</summary>
    public static async Task In(NpgsqlConnection connection, string statement, byte[] rows)
    {
        await using var copy = await connection.BeginRawBinaryCopyAsync(statement);
        await copy.WriteAsync(rows);
    }
}
