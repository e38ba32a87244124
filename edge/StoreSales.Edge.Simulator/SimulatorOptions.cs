using System.Globalization;

namespace StoreSales.Edge.Simulator;

/// <summary>One simulated terminal: its till port and, optionally, its scanner port and receipt printer port.</summary>
public sealed record SimulatedTerminal(string TerminalId, string TillPort, string? ScannerPort, string? ReceiptPrinterPort = null);

/// <summary>A demo store to sell like (<c>--chain</c>, <c>--store</c>) and its hot items.</summary>
public sealed record SimulatedStore(string ChainPath, string StoreId, int HotItems, double HotLift, TimeSpan HotFor)
{
    public const int DefaultHotItems = 3;
    public const double DefaultHotLift = 4;
    public static readonly TimeSpan DefaultHotFor = TimeSpan.FromMinutes(30);
}

/// <summary>The simulator's command line.</summary>
public sealed record SimulatorOptions(
    string CatalogPath,
    IReadOnlyList<SimulatedTerminal> Terminals,
    double SalesPerMinute,
    int? Count,
    int? Seed,
    int BaudRate,
    string ScannerSuffix,
    string TillFormat = "pipe",
    SimulatedStore? Store = null,
    bool ZReportAtEnd = false)
{
    public const string Usage = """
        Usage: StoreSales.Edge.Simulator --catalog FILE --terminal ID=TILL[,SCANNER] [--receipt-printer PATH] [--terminal ...]
                                         [--sales-per-minute N] [--count N] [--seed S] [--baud N] [--scanner-suffix CR|CRLF|LF]
                                         [--till-format pipe|json|mixed] [--z-report]
                                         [--chain FILE --store ID [--hot-items N] [--hot-lift X] [--hot-for HH:MM:SS]]

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
          --z-report               each till sends its day-end report (Z), and prints it with --receipt-printer, when the run ends (after --count sales, or at
                                   Ctrl+C); with --store a till always sends one when the store closes
          --chain FILE             the demo chain (e.g. deploy/local/demo-chain.json), with --store
          --store ID               sell like that demo store: its target, pace, opening hours and the demo history's
                                   hour-of-day x day-of-week shape, items by the demo's popularity; the store's rate is
                                   shared between the terminals (not with --sales-per-minute)
          --hot-items N            with --store: items selling above their usual rate at any time (default 3, 0 for none)
          --hot-lift X             with --store: how many times their usual rate hot items sell (default 4, above 1)
          --hot-for HH:MM:SS       with --store: how long one set of hot items lasts before others take over (default 00:30:00)
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
        var zReport = false;
        var rateGiven = false;
        string? chain = null;
        string? store = null;
        var hotItems = SimulatedStore.DefaultHotItems;
        var hotLift = SimulatedStore.DefaultHotLift;
        var hotFor = SimulatedStore.DefaultHotFor;
        var hotGiven = false;

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return false;
            }

            // The one flag without a value.
            if (name == "--z-report")
            {
                zReport = true;
                continue;
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

                    rateGiven = true;
                    break;
                case "--chain":
                    chain = value;
                    break;
                case "--store":
                    store = value.Trim();
                    break;
                case "--hot-items":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out hotItems) || hotItems > 50)
                    {
                        error = "--hot-items must be a whole number from 0 to 50";
                        return false;
                    }

                    hotGiven = true;
                    break;
                case "--hot-lift":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out hotLift) || hotLift <= 1 || hotLift > 100)
                    {
                        error = "--hot-lift must be a number above 1 and at most 100";
                        return false;
                    }

                    hotGiven = true;
                    break;
                case "--hot-for":
                    if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out hotFor) || hotFor < TimeSpan.FromMinutes(1) || hotFor > TimeSpan.FromDays(1))
                    {
                        error = "--hot-for must be a duration from 00:01:00 to 1.00:00:00";
                        return false;
                    }

                    hotGiven = true;
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

        if ((chain is null) != (store is null))
        {
            error = "--chain and --store go together";
            return false;
        }

        if (store is not null && rateGiven)
        {
            error = "--sales-per-minute does not go with --store: the store's target and pace set the rate";
            return false;
        }

        if (store is null && hotGiven)
        {
            error = "--hot-items, --hot-lift and --hot-for need --store";
            return false;
        }

        var simulatedStore = store is null ? null : new SimulatedStore(chain!, store, hotItems, hotLift, hotFor);
        options = new SimulatorOptions(catalog, terminals, rate, count, seed, baud, suffix, tillFormat, simulatedStore, zReport);
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
