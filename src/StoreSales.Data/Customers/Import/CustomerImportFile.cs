using System.Collections.Immutable;
using CsvHelper;
using StoreSales.Domain.SalesForce.Customers.Import;

namespace StoreSales.Data.Customers.Import;

/// <summary>
/// Reads an uploaded customer CSV file (docs/domain.md "Customer import"): UTF-8 with or without a byte order mark,
/// comma separated, RFC 4180 quoting, a header naming the columns of <see cref="ImportColumns"/> in any order. Rows are
/// handed on as they are read, unchecked: a line whose field count differs from the header's is kept with its problem,
/// to be reported as that row's rejection rather than dropped.
/// </summary>
public sealed class CustomerImportFile : IAsyncDisposable
{
    private readonly CsvReader _reader;
    private int[] _columns = [];

    private CustomerImportFile(CsvReader reader) => _reader = reader;

    public static CustomerImportFile Open(Stream content) =>
        new(CsvReader.Create(content, CsvReaderOptions.Default with { Separator = ',', MaxRecordSize = 1 << 20 }, leaveOpen: true));

    /// <summary>Reads the header; the problems with it (each a sentence), empty when the file can be imported.</summary>
    public async Task<ImmutableArray<string>> ReadHeader(CancellationToken cancellationToken)
    {
        await _reader.ReadHeaderAsync(cancellationToken);
        var header = _reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            return ["The file is empty: it needs a header line naming its columns (" + string.Join(",", ImportColumns.Required) + ")."];
        }

        var problems = ImportColumns.CheckHeader(header);
        _columns = [.. ImportColumns.All.Select(c => Array.IndexOf(header, c))];
        return problems;
    }

    /// <summary>The next data row (numbered from 1, the header not counted), or null at the end of the file.</summary>
    public async Task<ImportRow?> Next(CancellationToken cancellationToken)
    {
        if (!await _reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var rowNumber = checked((int)_reader.RowNumber);
        var expected = _reader.Headers.Count;
        var problem = _reader.FieldCount == expected
            ? null
            : $"The line has {_reader.FieldCount} fields; the header has {expected}.";
        return new ImportRow(
            rowNumber,
            Field(0), Field(1), Field(2), Field(3), Field(4), Field(5), Field(6), Field(7), Field(8), Field(9),
            problem);
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private string? Field(int column)
    {
        var index = _columns[column];
        return index < 0 || index >= _reader.FieldCount || _reader.IsEmpty(index) ? null : _reader.GetString(index);
    }
}
