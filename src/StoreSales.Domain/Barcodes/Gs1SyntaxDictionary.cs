using System.Globalization;
using System.Text.RegularExpressions;

namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Reads GS1's Barcode Syntax Dictionary (gs1-syntax-dictionary.txt, shipped as an embedded resource; see
/// Barcodes/Dictionary/README.md) in the format its header documents: "AIs [Flags] Specification [Attributes...]
/// [# Title]", one AI or a range of AIs a line. A line it cannot read is an error naming the line, not a skipped AI:
/// an AI silently missing would turn valid labels into "unknown AI".
/// </summary>
public static partial class Gs1SyntaxDictionary
{
    /// <summary>The resource name of the shipped dictionary.</summary>
    public const string ResourceName = "StoreSales.Domain.Barcodes.gs1-syntax-dictionary.txt";

    /// <summary>Parses the dictionary text; throws <see cref="FormatException"/> naming the first line it cannot read.</summary>
    public static (string Release, IReadOnlyList<Gs1ApplicationIdentifier> Ais) Parse(string text)
    {
        var release = "unknown";
        var ais = new List<Gs1ApplicationIdentifier>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                if (ReleaseLine().Match(line) is { Success: true } found)
                {
                    release = found.Groups[1].Value;
                }

                continue;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                ais.AddRange(ParseEntry(line));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"GS1 Barcode Syntax Dictionary line {lineNumber}: {ex.Message} in \"{line.Trim()}\"", ex);
            }
        }

        return (release, ais);
    }

    /// <summary>The shipped dictionary, parsed.</summary>
    public static (string Release, IReadOnlyList<Gs1ApplicationIdentifier> Ais) LoadShipped() => Parse(ReadResource(ResourceName));

    internal static string ReadResource(string name)
    {
        using var stream = typeof(Gs1SyntaxDictionary).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from StoreSales.Domain.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<Gs1ApplicationIdentifier> ParseEntry(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        var title = hash < 0 ? string.Empty : line[(hash + 1)..].Trim();
        var tokens = (hash < 0 ? line : line[..hash]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

        var index = 1;
        var flags = tokens.Length > 1 && tokens[1].All(c => FlagCharacters.Contains(c, StringComparison.Ordinal)) ? tokens[index++] : string.Empty;
        var components = new List<Gs1Component>();
        while (index < tokens.Length && ComponentToken().Match(tokens[index]) is { Success: true } component)
        {
            components.Add(ToComponent(component));
            index++;
        }

        if (components.Count == 0)
        {
            throw new FormatException("no data specification");
        }

        if (components.Take(components.Count - 1).Any(c => !c.IsFixedLength))
        {
            throw new FormatException("only the last component may vary in length");
        }

        var excludes = tokens.Skip(index)
            .Where(t => t.StartsWith("ex=", StringComparison.Ordinal))
            .SelectMany(t => t[3..].Split(','))
            .ToList();
        var predefined = flags.Contains('*', StringComparison.Ordinal);
        return ExpandRange(tokens[0]).Select(ai => new Gs1ApplicationIdentifier(ai, title, components, predefined, excludes));
    }

    private static Gs1Component ToComponent(Match match)
    {
        var optional = match.Groups["open"].Success;
        if (optional != match.Groups["close"].Success)
        {
            throw new FormatException("unbalanced [ ] around an optional component");
        }

        var length = int.Parse(match.Groups["length"].Value, CultureInfo.InvariantCulture);
        var variable = match.Groups["range"].Success;
        var linters = match.Groups["linters"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new Gs1Component(match.Groups["type"].Value[0], variable ? 1 : length, length, optional, linters);
    }

    private static IEnumerable<string> ExpandRange(string ais)
    {
        var dash = ais.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return AiToken().IsMatch(ais) ? [ais] : throw new FormatException($"\"{ais}\" is not an AI");
        }

        var (first, last) = (ais[..dash], ais[(dash + 1)..]);
        if (!AiToken().IsMatch(first) || first.Length != last.Length || string.CompareOrdinal(first, last) > 0 || !AiToken().IsMatch(last))
        {
            throw new FormatException($"\"{ais}\" is not a range of AIs");
        }

        var from = int.Parse(first, CultureInfo.InvariantCulture);
        var to = int.Parse(last, CultureInfo.InvariantCulture);
        return Enumerable.Range(from, to - from + 1).Select(n => n.ToString(CultureInfo.InvariantCulture).PadLeft(first.Length, '0'));
    }

    // The header's "Allocated from" list: any token made only of these is the flags column.
    private const string FlagCharacters = "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~";

    [GeneratedRegex(@"^#\s*Release:\s*(\S+)")]
    private static partial Regex ReleaseLine();

    [GeneratedRegex(@"^\d{2,4}$")]
    private static partial Regex AiToken();

    [GeneratedRegex(@"^(?<open>\[)?(?<type>[NXYZ])(?<range>\.\.)?(?<length>\d{1,2})(?<close>\])?(?<linters>(,[a-z0-9]+)*)$")]
    private static partial Regex ComponentToken();
}
