namespace StoreSales.EndToEnd.Tests.Authorization;

/// <summary>
/// The expected answers, read from <c>Authorization/authorization-matrix.txt</c>: one section per surface (<c>[name]</c>
/// followed by its columns), one line per endpoint or hub method (its key, then one expected answer per column).
/// A cell may allow alternatives (<c>200|404</c>) where the answer depends on data the test does not pin.
/// </summary>
public sealed class AuthorizationMatrix
{
    private readonly Dictionary<string, (IReadOnlyList<string> Columns, Dictionary<string, string[]> Rows)> _sections = new(StringComparer.Ordinal);

    public static AuthorizationMatrix Load()
    {
        var matrix = new AuthorizationMatrix();
        string? section = null;
        foreach (var raw in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Authorization", "authorization-matrix.txt")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith('['))
            {
                section = words[0].Trim('[', ']');
                matrix._sections[section] = (words[1..], new Dictionary<string, string[]>(StringComparer.Ordinal));
                continue;
            }

            var (columns, rows) = matrix._sections[section ?? throw new InvalidOperationException($"Matrix line before any section: {line}")];
            // A route key is two words (method and route), a hub method's one.
            var keyWords = words.Length - columns.Count;
            if (keyWords is < 1 or > 2)
            {
                throw new InvalidOperationException($"Matrix line of [{section}] has {words.Length} words for {columns.Count} columns: {line}");
            }

            rows.Add(string.Join(' ', words[..keyWords]), words[keyWords..]);
        }

        return matrix;
    }

    public IReadOnlyList<string> Columns(string section) => _sections[section].Columns;

    public IReadOnlyCollection<string> Keys(string section) => _sections[section].Rows.Keys;

    /// <summary>The expected answer of <paramref name="key"/> for <paramref name="column"/>, or null when the table has no line for it.</summary>
    public string? Expected(string section, string key, string column)
    {
        var (columns, rows) = _sections[section];
        return rows.TryGetValue(key, out var cells) ? cells[columns.ToList().IndexOf(column)] : null;
    }

    public static bool Matches(string expected, string actual) => expected.Split('|').Contains(actual, StringComparer.Ordinal);
}
