using System.Globalization;
using nietras.SeparatedValues;

namespace StoreSales.Data.Credit;

/// <summary>
/// Reads an ERP export of receivables or payments with Sep (docs/domain.md "Credit hold"): UTF-8 with or without a byte
/// order mark, comma separated, RFC 4180 quoting, a header naming the columns in any order (case and spaces ignored).
/// Each data row comes back as its fields by column name with the line it starts on (the header is line 1).
/// </summary>
public sealed class CreditImportFile : IDisposable
{
    private readonly SepReader _reader;
    private Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private CreditImportFile(SepReader reader) => _reader = reader;

    public static async Task<CreditImportFile> Open(Stream content, CancellationToken cancellationToken) =>
        new(await Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true })
            .FromAsync(content, cancellationToken));

    /// <summary>The problems with the header (each a sentence), empty when the file can be read.</summary>
    public IReadOnlyList<string> CheckHeader(IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        var header = _reader.Header.ColNames.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            return [$"The file is empty: it needs a header line naming its columns ({string.Join(",", required.Concat(optional))})."];
        }

        _columns = header.Select((name, index) => (name, index)).DistinctBy(c => c.name).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var problems = new List<string>();
        var missing = required.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"The header lacks column(s) {string.Join(", ", missing)}.");
        }

        var unknown = header.Where(c => !required.Contains(c) && !optional.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"The header has unknown column(s) {string.Join(", ", unknown)}; the columns are {string.Join(",", required.Concat(optional))}.");
        }

        if (header.Length != _columns.Count)
        {
            problems.Add("The header names a column twice.");
        }

        return problems;
    }

    /// <summary>Every data row in file order: its line, and its fields by column (null when empty), or the sentence why its shape is wrong.</summary>
    public async IAsyncEnumerable<(long Line, IReadOnlyDictionary<string, string?>? Fields, string? Problem)> Rows(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var expected = _reader.Header.ColNames.Count;
        await foreach (var row in _reader.WithCancellation(cancellationToken))
        {
            if (row.ColCount != expected)
            {
                yield return (row.LineNumberFrom, null, $"The row has {row.ColCount} fields; the header names {expected}.");
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (name, index) in _columns)
            {
                var span = row[index].Span;
                fields[name] = span.IsWhiteSpace() ? null : span.ToString().Trim();
            }

            yield return (row.LineNumberFrom, fields, null);
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>An amount as the ERP writes it: invariant, a point for decimals, no thousands separators.</summary>
    public static decimal? Amount(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>An instant: with its offset as written, or without one as a time in <paramref name="zone"/> (the chain's).</summary>
    public static DateTimeOffset? Instant(string? text, TimeZoneInfo zone)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > 19 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            return withOffset;
        }

        string[] local = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];
        return DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)
            ? new DateTimeOffset(wall, zone.GetUtcOffset(wall))
            : null;
    }
}
