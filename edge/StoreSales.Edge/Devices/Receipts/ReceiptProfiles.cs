using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace StoreSales.Edge.Devices.Receipts;

/// <summary>A receipt profile checked and ready: encodings resolved, patterns compiled, time zone found.</summary>
public sealed class CompiledReceiptProfile
{
    public required string Name { get; init; }

    public required Encoding Encoding { get; init; }

    /// <summary>ESC t table number → encoding.</summary>
    public required IReadOnlyDictionary<int, Encoding> CodeTables { get; init; }

    public Regex? StartMarker { get; init; }

    public Regex? EndMarker { get; init; }

    public Regex? ReceiptNumber { get; init; }

    public Regex? Cashier { get; init; }

    public Regex? Member { get; init; }

    public Regex? Time { get; init; }

    public string? TimeFormat { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public Regex? ItemHeader { get; init; }

    public required Regex Item { get; init; }

    public Regex? Discount { get; init; }

    public required Regex Total { get; init; }

    public Regex? Tender { get; init; }

    public Regex? Change { get; init; }

    public Regex? ReturnMarker { get; init; }

    /// <summary>Printed method → method sent; case-insensitive keys.</summary>
    public required IReadOnlyDictionary<string, string> TenderMethods { get; init; }

    public required NumberFormatInfo Numbers { get; init; }

    public bool AcceptTotalMismatch { get; init; }

    /// <summary>The printed Z report's patterns; null when the profile has none.</summary>
    public CompiledZReportProfile? ZReport { get; init; }

    /// <summary>The encoding of text printed under <paramref name="codeTable"/> (ESC t) and Chinese mode (FS &amp;).</summary>
    public Encoding EncodingFor(int codeTable, bool chineseMode) =>
        !chineseMode && CodeTables.TryGetValue(codeTable, out var table) ? table : Encoding;
}

/// <summary>The <c>ZReport</c> patterns of a receipt profile, compiled (<see cref="ZReportProfile"/>).</summary>
public sealed class CompiledZReportProfile
{
    public required Regex Marker { get; init; }

    public Regex? ZNumber { get; init; }

    public Regex? BusinessDay { get; init; }

    public required string BusinessDayFormat { get; init; }

    public required Regex Count { get; init; }

    public required Regex Gross { get; init; }

    public Regex? Returns { get; init; }

    public Regex? Voids { get; init; }

    public Regex? Tender { get; init; }
}

/// <summary>
/// Finds, reads and checks receipt profiles. A name is looked up as <c>receipt-profiles/NAME.json</c> in the
/// agent's content root, then beside the agent's binaries (where the shipped profiles are); anything with a
/// path separator or a <c>.json</c> ending is a file path. Inline configuration overrides the file's properties.
/// </summary>
public static class ReceiptProfiles
{
    /// <summary>Folder of profile files, beside the agent.</summary>
    public const string FolderName = "receipt-profiles";

    /// <summary>
    /// How every profile pattern is built. NonBacktracking runs in time linear in the line's length whatever the
    /// pattern, so a badly written pattern cannot hang the agent and no clock is needed to stop it; a pattern
    /// that needs backtracking (backreference, lookaround, atomic group, conditional) is refused at load.
    /// </summary>
    public const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly string[] KnownMethods = ["cash", "card", "wechat", "alipay", "voucher", "other"];

    /// <summary>
    /// Loads and compiles the profile <paramref name="options"/> name. <paramref name="errors"/> get one line per
    /// problem, each starting with the sub-key at fault (<c>Profile</c>, <c>Inline:Total</c>, <c>TimeZone</c>).
    /// </summary>
    public static CompiledReceiptProfile? TryLoad(ReceiptOptions options, string contentRoot, List<string> errors)
    {
        ReceiptProfile? profile = null;
        if (!string.IsNullOrWhiteSpace(options.Profile))
        {
            var path = Locate(options.Profile.Trim(), contentRoot, out var looked);
            if (path is null)
            {
                errors.Add($"Profile '{options.Profile}' not found (looked for {string.Join(" and ", looked)})");
                return null;
            }

            profile = TryRead(path, out var error);
            if (profile is null)
            {
                errors.Add($"Profile '{options.Profile}': {error}");
                return null;
            }
        }
        else if (options.Inline is null)
        {
            errors.Add("Profile is required (a profile name such as simulator or zh-supermarket, or a JSON file), or give the profile inline under Inline");
            return null;
        }

        var merged = (profile ?? new ReceiptProfile()).With(options.Inline);
        var inline = options.Inline;
        string KeyOf(string property)
        {
            var name = property.Split(':')[0];
            var setInline = inline is not null && typeof(ReceiptProfile).GetProperty(name)?.GetValue(inline) is not null;
            return setInline || profile is null ? $"Inline:{property}" : $"Profile '{options.Profile}' {property}";
        }

        return TryCompile(merged, options.TimeZone, errors, KeyOf);
    }

    /// <summary>Reads a profile JSON file; null with a reason when it cannot.</summary>
    public static ReceiptProfile? TryRead(string path, out string? error)
    {
        try
        {
            var profile = JsonSerializer.Deserialize<ReceiptProfile>(File.ReadAllBytes(path), Json);
            error = profile is null ? $"{path} holds no profile" : null;
            if (profile is not null && string.IsNullOrWhiteSpace(profile.Name))
            {
                profile.Name = Path.GetFileNameWithoutExtension(path);
            }

            return profile;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            error = $"cannot read {path}: {ex.Message}";
            return null;
        }
    }

    /// <summary>Checks <paramref name="profile"/> and compiles its patterns; null when anything is wrong (see <paramref name="errors"/>).</summary>
    /// <param name="keyOf">How an error names a profile property (default: the property's name).</param>
    public static CompiledReceiptProfile? TryCompile(ReceiptProfile profile, string? timeZone, List<string> errors, Func<string, string>? keyOf = null)
    {
        var before = errors.Count;
        keyOf ??= p => p;
        void Fail(string property, string message) => errors.Add($"{keyOf(property)}: {message}");

        var encoding = System.Text.Encoding.UTF8;
        if (profile.Encoding is not null && !ReceiptEncodings.TryGet(profile.Encoding, out encoding, out var encodingError))
        {
            Fail("Encoding", encodingError!);
        }

        var tables = new Dictionary<int, Encoding>();
        foreach (var (key, name) in profile.CodeTables ?? [])
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var table) || table > 255)
            {
                Fail($"CodeTables:{key}", "the key must be an ESC t table number, 0-255");
            }
            else if (!ReceiptEncodings.TryGet(name, out var tableEncoding, out var tableError))
            {
                Fail($"CodeTables:{key}", tableError!);
            }
            else
            {
                tables[table] = tableEncoding;
            }
        }

        var wildcard = false;
        switch (profile.Syntax?.Trim().ToLowerInvariant())
        {
            case null or "" or "regex":
                break;
            case "wildcard":
                wildcard = true;
                break;
            default:
                Fail("Syntax", $"'{profile.Syntax}' must be regex or wildcard");
                break;
        }

        Regex? Pattern(string property, string? text, bool required, params string[][] groups)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Fail(property, "a pattern is required");
                }

                return null;
            }

            var source = text;
            if (wildcard && !WildcardPattern.TryConvert(text, out source, out var wildcardError))
            {
                Fail(property, wildcardError!);
                return null;
            }

            Regex regex;
            try
            {
                regex = new Regex(source, PatternOptions, Regex.InfiniteMatchTimeout);
            }
            catch (ArgumentException ex)
            {
                Fail(property, $"not a valid regular expression: {ex.Message}");
                return null;
            }
            catch (NotSupportedException ex)
            {
                // Only a pattern that needs backtracking gets here: say which construct, and what to write instead.
                Fail(property, $"uses a construct the agent does not run (backreference, lookaround, atomic group or conditional; patterns must run in linear time): {ex.Message}");
                return null;
            }

            var names = regex.GetGroupNames();
            foreach (var alternatives in groups)
            {
                if (!alternatives.Any(g => names.Contains(g, StringComparer.Ordinal)))
                {
                    Fail(property, alternatives.Length == 1
                        ? $"needs a group named '{alternatives[0]}', e.g. (?<{alternatives[0]}>…)"
                        : $"needs a group named {string.Join(" or ", alternatives.Select(a => $"'{a}'"))}");
                }
            }

            return regex;
        }

        var startMarker = Pattern("StartMarker", profile.StartMarker, false);
        var endMarker = Pattern("EndMarker", profile.EndMarker, false);
        var receiptNumber = Pattern("ReceiptNumber", profile.ReceiptNumber, false, ["receipt"]);
        var cashier = Pattern("Cashier", profile.Cashier, false, ["cashier"]);
        var member = Pattern("Member", profile.Member, false, ["member"]);
        var time = Pattern("Time", profile.Time, false, ["time"]);
        var itemHeader = Pattern("ItemHeader", profile.ItemHeader, false, ["code", "name"]);
        var item = Pattern("Item", profile.Item, true, ["quantity"], ["price"], ["amount"]);
        var discount = Pattern("Discount", profile.Discount, false, ["amount"]);
        var total = Pattern("Total", profile.Total, true, ["total"]);
        var tender = Pattern("Tender", profile.Tender, false, ["method"], ["amount"]);
        var change = Pattern("Change", profile.Change, false, ["amount"]);
        var returnMarker = Pattern("ReturnMarker", profile.ReturnMarker, false);
        CompiledZReportProfile? zReport = null;
        if (profile.ZReport is { } z)
        {
            var dayFormat = string.IsNullOrWhiteSpace(z.BusinessDayFormat) ? "yyyy-MM-dd" : z.BusinessDayFormat.Trim();
            try
            {
                _ = new DateOnly(2025, 6, 1).ToString(dayFormat, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                Fail("ZReport:BusinessDayFormat", $"'{z.BusinessDayFormat}' is not a .NET date format");
            }

            zReport = new CompiledZReportProfile
            {
                Marker = Pattern("ZReport:Marker", z.Marker, true)!,
                ZNumber = Pattern("ZReport:ZNumber", z.ZNumber, false, ["number"]),
                BusinessDay = Pattern("ZReport:BusinessDay", z.BusinessDay, false, ["day"]),
                BusinessDayFormat = dayFormat,
                Count = Pattern("ZReport:Count", z.Count, true, ["count"])!,
                Gross = Pattern("ZReport:Gross", z.Gross, true, ["amount"])!,
                Returns = Pattern("ZReport:Returns", z.Returns, false, ["amount"]),
                Voids = Pattern("ZReport:Voids", z.Voids, false, ["count"]),
                Tender = Pattern("ZReport:Tender", z.Tender, false, ["method"], ["amount"]),
            };
        }

        if (item is not null && itemHeader is null && !item.GetGroupNames().Any(g => g is "code" or "name"))
        {
            Fail("Item", "needs a group named 'code' or 'name', or an ItemHeader pattern that has one");
        }

        if (time is not null)
        {
            if (string.IsNullOrWhiteSpace(profile.TimeFormat))
            {
                Fail("TimeFormat", "is required with a Time pattern (e.g. yyyy-MM-dd HH:mm:ss)");
            }
            else
            {
                try
                {
                    _ = DateTime.MinValue.AddYears(2000).ToString(profile.TimeFormat, CultureInfo.InvariantCulture);
                }
                catch (FormatException)
                {
                    Fail("TimeFormat", $"'{profile.TimeFormat}' is not a .NET date format");
                }
            }
        }

        var methods = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (printed, method) in profile.TenderMethods ?? [])
        {
            var normalized = method.Trim().ToLowerInvariant();
            if (!IsMethod(normalized))
            {
                Fail($"TenderMethods:{printed}", $"'{method}' is not a tender method (e.g. {string.Join(", ", KnownMethods)})");
            }

            methods[printed.Trim()] = normalized;
        }

        var numbers = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        switch (profile.DecimalSeparator)
        {
            case null or "" or ".":
                break;
            case ",":
                numbers.NumberDecimalSeparator = ",";
                numbers.NumberGroupSeparator = ".";
                break;
            default:
                Fail("DecimalSeparator", $"'{profile.DecimalSeparator}' must be . or ,");
                break;
        }

        var zone = TimeZoneInfo.Local;
        if (!string.IsNullOrWhiteSpace(timeZone) && !TryFindTimeZone(timeZone.Trim(), out zone))
        {
            errors.Add($"TimeZone '{timeZone}' is not a time zone (an IANA id such as Asia/Shanghai, or an offset such as +08:00)");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new CompiledReceiptProfile
        {
            Name = string.IsNullOrWhiteSpace(profile.Name) ? "inline" : profile.Name.Trim(),
            Encoding = encoding,
            CodeTables = tables,
            StartMarker = startMarker,
            EndMarker = endMarker,
            ReceiptNumber = receiptNumber,
            Cashier = cashier,
            Member = member,
            Time = time,
            TimeFormat = profile.TimeFormat,
            TimeZone = zone,
            ItemHeader = itemHeader,
            Item = item!,
            Discount = discount,
            Total = total!,
            Tender = tender,
            Change = change,
            ReturnMarker = returnMarker,
            TenderMethods = methods,
            Numbers = numbers,
            AcceptTotalMismatch = profile.AcceptTotalMismatch ?? false,
            ZReport = zReport,
        };
    }

    /// <summary>True for a tender method the server accepts: 1-32 of a-z, 0-9, '-' and '_'.</summary>
    public static bool IsMethod(string method) =>
        method.Length is > 0 and <= 32 && method.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private static string? Locate(string profile, string contentRoot, out List<string> looked)
    {
        looked = [];
        if (profile.Contains('/', StringComparison.Ordinal) || profile.Contains('\\', StringComparison.Ordinal)
            || profile.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(profile, contentRoot);
            looked.Add(path);
            return File.Exists(path) ? path : null;
        }

        foreach (var folder in new[] { contentRoot, AppContext.BaseDirectory }.Distinct())
        {
            var path = Path.GetFullPath(Path.Combine(folder, FolderName, profile + ".json"));
            if (looked.Contains(path))
            {
                continue;
            }

            looked.Add(path);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static bool TryFindTimeZone(string id, out TimeZoneInfo zone)
    {
        if (Regex.IsMatch(id, @"^[+-]\d{2}:\d{2}$", RegexOptions.None, TimeSpan.FromSeconds(1))
            && TimeSpan.TryParseExact(id[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset)
            && offset <= TimeSpan.FromHours(14))
        {
            offset = id[0] == '-' ? -offset : offset;
            zone = TimeZoneInfo.CreateCustomTimeZone($"UTC{id}", offset, $"UTC{id}", $"UTC{id}");
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Local;
            return false;
        }
    }
}
