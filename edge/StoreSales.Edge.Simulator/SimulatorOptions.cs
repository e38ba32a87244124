using System.Globalization;

namespace StoreSales.Edge.Simulator;

/// <summary>One simulated terminal: its till port and, optionally, its scanner port and receipt printer port.</summary>
public sealed record SimulatedTerminal(string TerminalId, string TillPort, string? ScannerPort, string? ReceiptPrinterPort = null);

/// <summary>The simulator's command line.</summary>
public sealed record SimulatorOptions(
    string CatalogPath,
    IReadOnlyList<SimulatedTerminal> Terminals,
    double SalesPerMinute,
    int? Count,
    int? Seed,
    int BaudRate,
    string ScannerSuffix,
    string TillFormat = "pipe")
{
    public const string Usage = """
        Usage: StoreSales.Edge.Simulator --catalog FILE --terminal ID=TILL[,SCANNER] [--receipt-printer PATH] [--terminal ...]
                                         [--sales-per-minute N] [--count N] [--seed S] [--baud N] [--scanner-suffix CR|CRLF|LF]
                                         [--till-format pipe|json|mixed]

          --catalog FILE           CSV gtin,name,unit_price (e.g. deploy/local/demo-items.csv)
          --terminal ID=TILL[,SCANNER]
                                   a terminal: its till serial port and optionally its scanner port (repeatable)
          --receipt-printer PATH   the terminal before it also prints each sale as an ESC/POS receipt to PATH
          --sales-per-minute N     mean sales per minute per terminal (default 30)
          --count N                stop after N sales per terminal (default: run until Ctrl+C)
          --seed S                 random seed, for repeatable sales
          --baud N                 baud rate of every port (default 9600)
          --scanner-suffix S       suffix after each barcode: CR (default), CRLF or LF
          --till-format F          till lines as pipe (default), json (JSON lines) or mixed (each line either, at random)
        """;

    /// <summary>Parses the command line; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimulatorOptions? options, out string? error)
    {
        options = null;
        string? catalog = null;
        var terminals = new List<SimulatedTerminal>();
        var rate = 30.0;
        int? count = null;
        int? seed = null;
        var baud = 9600;
        var suffix = "CR";
        var tillFormat = "pipe";

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--catalog":
                    catalog = value;
                    break;
                case "--terminal":
                    if (!TryParseTerminal(value, out var terminal))
                    {
                        error = $"--terminal '{value}' must look like T01=/dev/ttyS0 or T01=/dev/ttyS0,/dev/ttyS1";
                        return false;
                    }

                    terminals.Add(terminal!);
                    break;
                case "--receipt-printer":
                    if (terminals.Count == 0 || terminals[^1].ReceiptPrinterPort is not null || value.Trim().Length == 0)
                    {
                        error = "--receipt-printer PATH must follow its --terminal, once per terminal";
                        return false;
                    }

                    terminals[^1] = terminals[^1] with { ReceiptPrinterPort = value.Trim() };
                    break;
                case "--sales-per-minute":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate <= 0 || rate > 6000)
                    {
                        error = "--sales-per-minute must be a number above 0 and at most 6000";
                        return false;
                    }

                    break;
                case "--count":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        error = "--count must be a whole number of at least 1";
                        return false;
                    }

                    count = n;
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
                    {
                        error = "--seed must be a whole number";
                        return false;
                    }

                    seed = s;
                    break;
                case "--baud":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out baud) || baud < 50)
                    {
                        error = "--baud must be a baud rate such as 9600";
                        return false;
                    }

                    break;
                case "--scanner-suffix":
                    suffix = value.ToUpperInvariant();
                    if (suffix is not ("CR" or "CRLF" or "LF"))
                    {
                        error = "--scanner-suffix must be CR, CRLF or LF";
                        return false;
                    }

                    break;
                case "--till-format":
                    tillFormat = value.ToLowerInvariant();
                    if (tillFormat is not ("pipe" or "json" or "mixed"))
                    {
                        error = "--till-format must be pipe, json or mixed";
                        return false;
                    }

                    break;
                default:
                    error = $"unknown option {name}";
                    return false;
            }
        }

        if (catalog is null)
        {
            error = "--catalog is required";
            return false;
        }

        if (terminals.Count == 0)
        {
            error = "at least one --terminal is required";
            return false;
        }

        if (terminals.Select(t => t.TerminalId).Distinct(StringComparer.OrdinalIgnoreCase).Count() != terminals.Count)
        {
            error = "each --terminal needs its own id";
            return false;
        }

        options = new SimulatorOptions(catalog, terminals, rate, count, seed, baud, suffix, tillFormat);
        error = null;
        return true;
    }

    /// <summary>The suffix bytes as text.</summary>
    public string SuffixText => ScannerSuffix switch
    {
        "CRLF" => "\r\n",
        "LF" => "\n",
        _ => "\r",
    };

    private static bool TryParseTerminal(string value, out SimulatedTerminal? terminal)
    {
        terminal = null;
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return false;
        }

        var ports = value[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (ports.Length is < 1 or > 2 || ports[0].Length == 0 || (ports.Length == 2 && ports[1].Length == 0))
        {
            return false;
        }

        terminal = new SimulatedTerminal(value[..equals].Trim(), ports[0], ports.Length == 2 ? ports[1] : null);
        return true;
    }
}
