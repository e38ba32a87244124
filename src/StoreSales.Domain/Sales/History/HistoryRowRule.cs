using System.Globalization;

namespace StoreSales.Domain.Sales.History;

/// <summary>
/// Checks one row of a history file (docs/domain.md "History import") and makes it a ledger line. Time: whole seconds,
/// <c>yyyy-MM-dd HH:mm:ss</c> (a <c>T</c> may stand for the space) as the store's own wall clock, or the same with
/// <c>Z</c> or an offset (<c>+08:00</c>) as that exact moment. A wall-clock time that the store's zone skips (the hour a
/// clock moves forward) is refused; one it passes twice is read as standard time. The store's local date of the sale
/// must be before the store's today: today and later belong to the live path. Quantity &gt; 0 with at most 3 decimals,
/// amount ≥ 0 with at most 2 (the ledger's scales), '.' as the decimal point and no thousands separator.
/// </summary>
public static class HistoryRowRule
{
    public const string Required = "required";
    public const string Invalid = "invalid";
    public const string UnknownStore = "unknown-store";
    public const string BadTime = "bad-time";
    public const string TodayOrLater = "today-or-later";
    public const string NotPositive = "not-positive";
    public const string Negative = "negative";
    public const string BadShape = "bad-shape";

    private const int MaxCodeLength = 64;

    // The ledger's numeric(14, 3) quantity and numeric(16, 2) amount: what PostgreSQL would refuse, refused here with the row.
    private const decimal MaxQuantity = 99_999_999_999.999m;
    private const decimal MaxAmount = 99_999_999_999_999.99m;

    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <summary>A line whose field count differs from the header's: the whole line is at fault.</summary>
    public static HistoryRowCheck WrongShape(int fields, int expected) =>
        Fail(null, BadShape, $"The line has {fields} fields; the header has {expected}.");

    public static HistoryRowCheck Check(
        string? store, string? terminal, string? time, string? item, string? quantity, string? amount,
        IReadOnlyDictionary<string, HistoryStore> stores)
    {
        if (string.IsNullOrWhiteSpace(store))
        {
            return Fail(HistoryColumns.Store, Required, "The store is required.");
        }

        if (!stores.TryGetValue(store, out var known))
        {
            return Fail(HistoryColumns.Store, UnknownStore, $"There is no store '{store}'.");
        }

        if (!IsCode(terminal, identifier: true))
        {
            return Fail(HistoryColumns.Terminal, string.IsNullOrEmpty(terminal) ? Required : Invalid, $"The terminal must be 1–{MaxCodeLength} letters, digits, '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(time))
        {
            return Fail(HistoryColumns.Time, Required, "The time is required.");
        }

        if (ReadTime(time, known.Zone) is not { } read)
        {
            return Fail(HistoryColumns.Time, BadTime, $"'{time}' is not a time of the form yyyy-MM-dd HH:mm:ss (store-local), optionally with Z or an offset such as +08:00, in whole seconds, after 2000.");
        }

        if (read.Skipped)
        {
            return Fail(HistoryColumns.Time, BadTime, $"'{time}' does not exist in the store's time zone ({known.Zone.Id}): the clocks skip it.");
        }

        if (DateOnly.FromDateTime(read.Local) >= known.Today)
        {
            return Fail(HistoryColumns.Time, TodayOrLater, $"'{time}' is on or after the store's today ({known.Today:yyyy-MM-dd}): today's sales come from the tills, not from an import.");
        }

        if (!IsCode(item, identifier: false))
        {
            return Fail(HistoryColumns.Item, string.IsNullOrEmpty(item) ? Required : Invalid, $"The item must be 1–{MaxCodeLength} characters with no spaces around it.");
        }

        if (ReadDecimal(quantity, 3, MaxQuantity) is not { } units)
        {
            return Fail(HistoryColumns.Quantity, string.IsNullOrEmpty(quantity) ? Required : Invalid, $"'{quantity}' is not a quantity: a number with at most 3 decimals and '.' as the decimal point.");
        }

        if (units <= 0)
        {
            return Fail(HistoryColumns.Quantity, NotPositive, $"The quantity must be more than 0 (is {quantity}): returns are not imported.");
        }

        if (ReadDecimal(amount, 2, MaxAmount) is not { } money)
        {
            return Fail(HistoryColumns.Amount, string.IsNullOrEmpty(amount) ? Required : Invalid, $"'{amount}' is not an amount: a number with at most 2 decimals and '.' as the decimal point.");
        }

        if (money < 0)
        {
            return Fail(HistoryColumns.Amount, Negative, $"The amount must not be negative (is {amount}).");
        }

        var localHour = new DateTime(read.Local.Year, read.Local.Month, read.Local.Day, read.Local.Hour, 0, 0, DateTimeKind.Unspecified);
        return new HistoryRowCheck(
            new HistoryLine(store, HistoryTerminals.Of(terminal!), read.UnixSeconds, localHour, item!, (long)(units * 1000), (long)(money * 100)),
            null);
    }

    private static HistoryRowCheck Fail(string? field, string reason, string message) => new(null, new HistoryRowProblem(field, reason, message));

    private static bool IsCode(string? value, bool identifier) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxCodeLength
        && (identifier
            ? value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            : !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]) && !value.Any(char.IsControl));

    private readonly record struct ReadTimeResult(long UnixSeconds, DateTime Local, bool Skipped);

    private static ReadTimeResult? ReadTime(string text, TimeZoneInfo zone)
    {
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (zone.IsInvalidTime(local))
            {
                return new ReadTimeResult(0, local, Skipped: true);
            }

            // An ambiguous wall-clock time (the hour a clock moves back) takes the zone's standard offset, as GetUtcOffset gives.
            var utc = new DateTimeOffset(local, zone.GetUtcOffset(local)).UtcDateTime;
            return utc < Earliest ? null : new ReadTimeResult(new DateTimeOffset(utc).ToUnixTimeSeconds(), local, false);
        }

        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return moment.UtcDateTime < Earliest
                ? null
                : new ReadTimeResult(moment.ToUnixTimeSeconds(), TimeZoneInfo.ConvertTime(moment, zone).DateTime, false);
        }

        return null;
    }

    private static decimal? ReadDecimal(string? text, int scale, decimal max)
    {
        if (string.IsNullOrEmpty(text)
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return decimal.Round(value, scale) != value || Math.Abs(value) > max ? null : value;
    }
}
