using System.Collections.Immutable;
using nietras.SeparatedValues;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// Reads an uploaded history CSV file (docs/domain.md "History import") with Sep: UTF-8 with or without a byte order mark,
/// comma separated, RFC 4180 quoting, a header naming the columns of <see cref="HistoryColumns"/> in any order. Each data
/// row comes back checked by <see cref="HistoryRowRule"/> with the line it starts on (the header is line 1), streaming:
/// a file of ten million rows is never held whole.
/// </summary>
public sealed class HistoryImportFile : IDisposable
{
    private readonly SepReader _reader;
    private int[] _columns = [];

    private HistoryImportFile(SepReader reader) => _reader = reader;

    public static async Task<HistoryImportFile> Open(Stream content, CancellationToken cancellationToken) =>
        new(await Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true })
            .FromAsync(content, cancellationToken));

    /// <summary>The problems with the header (each a sentence), empty when the file can be imported.</summary>
    public ImmutableArray<string> CheckHeader()
    {
        var header = _reader.Header.ColNames.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            return ["The file is empty: it needs a header line naming its columns (" + string.Join(",", HistoryColumns.All) + ")."];
        }

        var problems = HistoryColumns.CheckHeader(header);
        _columns = [.. HistoryColumns.All.Select(c => Array.IndexOf(header, c))];
        return problems;
    }

    /// <summary>Every data row in file order, checked against <paramref name="stores"/>.</summary>
    public async IAsyncEnumerable<(long Line, HistoryRowCheck Check)> Rows(
        IReadOnlyDictionary<string, HistoryStore> stores, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var expected = _reader.Header.ColNames.Count;
        await foreach (var row in _reader.WithCancellation(cancellationToken))
        {
            yield return (row.LineNumberFrom, Check(row, expected, stores));
        }
    }

    private HistoryRowCheck Check(SepReader.Row row, int expected, IReadOnlyDictionary<string, HistoryStore> stores)
    {
        if (row.ColCount != expected)
        {
            return HistoryRowRule.WrongShape(row.ColCount, expected);
        }

        return HistoryRowRule.Check(Field(row, 0), Field(row, 1), Field(row, 2), Field(row, 3), Field(row, 4), Field(row, 5), stores);
    }

    private string? Field(SepReader.Row row, int column) => row[_columns[column]].Span is { Length: > 0 } span ? span.ToString() : null;

    public void Dispose() => _reader.Dispose();
}
