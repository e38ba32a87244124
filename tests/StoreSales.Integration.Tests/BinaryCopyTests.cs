using System.Globalization;
using Dapper;
using StoreSales.Data;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The hand-encoded binary COPY of the history import and the ledger's group writer (<see cref="BinaryCopy"/>) on a real
/// PostgreSQL: whole cents and thousandths arrive as the exact numerics they stand for, at every magnitude a long can hold
/// and both signs; decimals as they are, at every scale a decimal has; codes (UTF-8), times, dates, integers, nulls, hashes and
/// JSON as written; and a COPY abandoned before its end leaves nothing behind.
/// </summary>
public sealed class BinaryCopyTests
{
    private const string Create = """
        CREATE TABLE copied (
            n int NOT NULL, code text NOT NULL, at timestamptz NOT NULL, local_hour timestamp NOT NULL,
            cents numeric(21, 2) NOT NULL, thousandths numeric(22, 3) NOT NULL, whole numeric(20, 0) NOT NULL, big bigint NOT NULL,
            day date NOT NULL
        )
        """;

    private const string Copy = "COPY copied (n, code, at, local_hour, cents, thousandths, whole, big, day) FROM STDIN (FORMAT BINARY)";

    private static readonly long[] Values =
    [
        0, 1, -1, 5, 9, 10, 99, 100, 101, 999, 1000, 1001, 9999, 10_000, 10_001, 12_345, 99_990_000, 100_000_000, 1_234_567_890_123,
        -1_234_567_890_123, 100_000_000_000_000_000, long.MaxValue, long.MinValue, long.MinValue + 1,
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cents_thousandths_codes_and_times_arrive_as_the_values_they_stand_for()
    {
        await using var database = await TestDatabase.Create("binarycopy", seedDemo: false);
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(Create);
        var at = new DateTime(2025, 11, 30, 23, 59, 59, DateTimeKind.Utc);
        var localHour = new DateTime(1999, 12, 31, 23, 0, 0, DateTimeKind.Unspecified);

        await using (var copy = await BinaryCopy.Begin(connection, Copy, Cancellation))
        {
            for (var i = 0; i < Values.Length; i++)
            {
                copy.Row(9);
                copy.Int4(i);
                copy.Text($"店-{i}-é");
                copy.Timestamp(at.AddSeconds(i));
                copy.Timestamp(localHour.AddHours(i));
                copy.Numeric(Values[i], 2);
                copy.Numeric(Values[i], 3);
                copy.Numeric(Values[i], 0);
                copy.BigInt(Values[i]);
                copy.Date(DateOnly.FromDateTime(localHour).AddDays(-400 * i));
                await copy.RowDone(Cancellation);
            }

            await copy.CompleteAsync(Cancellation);
        }

        var rows = (await connection.QueryAsync<(int N, string Code, DateTime At, DateTime LocalHour, string Cents, string Thousandths, string Whole, long Big, string Day)>(
            "SELECT n, code, at, local_hour, cents::text, thousandths::text, whole::text, big, day::text FROM copied ORDER BY n")).ToList();
        Assert.Equal(Values.Length, rows.Count);
        for (var i = 0; i < Values.Length; i++)
        {
            var value = Values[i];
            Assert.Equal(
                (i, $"店-{i}-é", at.AddSeconds(i), localHour.AddHours(i), Exact(value, 100m, "F2"), Exact(value, 1000m, "F3"), Exact(value, 1m, "F0"), value, DateOnly.FromDateTime(localHour).AddDays(-400 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                (rows[i].N, rows[i].Code, rows[i].At.ToUniversalTime(), rows[i].LocalHour, rows[i].Cents, rows[i].Thousandths, rows[i].Whole, rows[i].Big, rows[i].Day));
        }
    }

    private static readonly decimal[] Decimals =
    [
        0m, 0.00m, 1m, -1m, 0.05m, -0.05m, 12345.678m, 10000m, 1.0000m, 9999.9999m, 10000.0001m, 42.5m, -42.50m, 3.14159m,
        123456789.123456789m, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m, 79228162514264337593543950.335m,
        decimal.MaxValue, decimal.MinValue, 100000000m, 0.1m, 0.12m, 0.123m, 0.1234m, 0.12345m,
    ];

    [Fact]
    public async Task Decimals_nulls_hashes_and_JSON_arrive_as_written()
    {
        await using var database = await TestDatabase.Create("binarycopydec", seedDemo: false);
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync("CREATE TABLE copied_more (n int NOT NULL, exact numeric NOT NULL, cents numeric(16, 2) NOT NULL, maybe text, hash bytea NOT NULL, tenders jsonb NOT NULL)");

        await using (var copy = await BinaryCopy.Begin(connection, "COPY copied_more (n, exact, cents, maybe, hash, tenders) FROM STDIN (FORMAT BINARY)", Cancellation))
        {
            for (var i = 0; i < Decimals.Length; i++)
            {
                copy.Row(6);
                copy.Int4(i);
                copy.Numeric(Decimals[i]);
                copy.Numeric(Math.Round(Decimals[i] % 100_000_000_000_000m, 3));
                if (i % 2 == 0)
                {
                    copy.Null();
                }
                else
                {
                    copy.Text($"收银员-{i}");
                }

                copy.Bytea([(byte)i, 0, 255, (byte)(i * 7)]);
                copy.Jsonb($$"""[{"method":"支付宝","amount":{{i}}.5}]""");
                await copy.RowDone(Cancellation);
            }

            await copy.CompleteAsync(Cancellation);
        }

        var rows = (await connection.QueryAsync<(int N, string Exact, string Cents, string? Maybe, byte[] Hash, string Tenders)>(
            "SELECT n, exact::text, cents::text, maybe, hash, tenders::text FROM copied_more ORDER BY n")).ToList();
        Assert.Equal(Decimals.Length, rows.Count);
        for (var i = 0; i < Decimals.Length; i++)
        {
            // PostgreSQL rounds a numeric sent to numeric(16, 2) half away from zero, as decimal's AwayFromZero does.
            var cents = Math.Round(Math.Round(Decimals[i] % 100_000_000_000_000m, 3), 2, MidpointRounding.AwayFromZero);
            Assert.Equal(
                (i, Decimals[i].ToString(CultureInfo.InvariantCulture), cents, i % 2 == 0 ? null : $"收银员-{i}", $$"""[{"amount": {{i}}.5, "method": "支付宝"}]"""),
                (rows[i].N, rows[i].Exact, decimal.Parse(rows[i].Cents, CultureInfo.InvariantCulture), rows[i].Maybe, rows[i].Tenders));
            Assert.Equal(new byte[] { (byte)i, 0, 255, (byte)(i * 7) }, rows[i].Hash);
        }
    }

    [Fact]
    public async Task A_copy_left_before_its_end_writes_nothing_and_the_connection_goes_on()
    {
        await using var database = await TestDatabase.Create("binarycopyleft", seedDemo: false);
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(Create);

        await using (var copy = await BinaryCopy.Begin(connection, Copy, Cancellation))
        {
            copy.Row(8);
            copy.Int4(1);
            copy.Text("left");
            copy.Timestamp(DateTime.UtcNow);
            copy.Timestamp(DateTime.UtcNow);
            copy.Numeric(1, 2);
            copy.Numeric(1, 3);
            copy.Numeric(1, 0);
            copy.BigInt(1);
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM copied"));
    }

    [Fact]
    public async Task Values_larger_than_the_copy_buffer_and_rows_past_its_send_point_arrive_whole()
    {
        await using var database = await TestDatabase.Create("binarycopybig", seedDemo: false);
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync("CREATE TABLE copied_long (n int NOT NULL, note text NOT NULL)");
        // Row 3 is longer than the buffer a copy starts with (a quarter of a megabyte): the buffer grows, keeping the rows
        // before it. The 40,000 short rows after it (~23 bytes each) pass the point where the buffer is sent three times.
        var longNote = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{i % 10}店铺备注"));
        string NoteOf(int n) => n == 3 ? longNote : $"note {n}";

        for (var round = 0; round < 2; round++)
        {
            // The second round rents the buffer the first gave back: what it held before must not show.
            await connection.ExecuteAsync("TRUNCATE copied_long");
            await using (var copy = await BinaryCopy.Begin(connection, "COPY copied_long (n, note) FROM STDIN (FORMAT BINARY)", Cancellation))
            {
                for (var n = 0; n < 40_005; n++)
                {
                    copy.Row(2);
                    copy.Int4(n);
                    copy.Text(NoteOf(n));
                    await copy.RowDone(Cancellation);
                }

                await copy.CompleteAsync(Cancellation);
            }

            var rows = (await connection.QueryAsync<(int N, string Note)>("SELECT n, note FROM copied_long ORDER BY n")).ToList();
            Assert.Equal(40_005, rows.Count);
            Assert.All(rows.Select((row, index) => (row, index)), r => Assert.Equal((r.index, NoteOf(r.index)), (r.row.N, r.row.Note)));
        }
    }

    private static string Exact(long value, decimal divisor, string format) =>
        (value / divisor).ToString(format, CultureInfo.InvariantCulture);
}
