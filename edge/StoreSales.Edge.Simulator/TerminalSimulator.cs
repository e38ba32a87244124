using System.IO.Ports;
using StoreSales.Domain.Demo;
using StoreSales.Domain.Demo.SalesForce;

namespace StoreSales.Edge.Simulator;

/// <summary>
/// One simulated terminal: rings up sales on its till port and, when it has one, reads each item's barcode
/// on its scanner port first; with a receipt printer port, prints each sale's ESC/POS receipt there after its T line. Gaps between sales are random around the configured rate (Poisson arrivals,
/// clipped), items within a sale follow each other in well under a second, as at a real till.
/// </summary>
/// <remarks>
/// With a <see cref="StoreRhythm"/> (a demo store) the mean gap follows the store's rate at the moment, and the terminal
/// rings up nothing while the store is closed; without one it is <see cref="SimulatorOptions.SalesPerMinute"/>, day and night.
/// </remarks>
public sealed class TerminalSimulator(
    SimulatedTerminal terminal,
    SimulatorOptions options,
    IReadOnlyList<CatalogItem> catalog,
    Random random,
    TextWriter output,
    StoreRhythm? rhythm = null,
    bool announceHotItems = false)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var till = Open(terminal.TillPort);
        using var scanner = terminal.ScannerPort is null ? null : Open(terminal.ScannerPort);
        using var printer = terminal.ReceiptPrinterPort is null ? null : Open(terminal.ReceiptPrinterPort);
        var generator = new SaleGenerator(catalog, terminal.TerminalId, random, rhythm?.Mix, rhythm is null ? null : rhythm.RepFor, rhythm is null ? null : DemoMembers.Draw);
        var flatGap = TimeSpan.FromMinutes(1 / options.SalesPerMinute);
        var sold = 0;
        string? hotNow = null;
        var tally = new DayEndTally(terminal.TerminalId);

        while (!cancellationToken.IsCancellationRequested && (options.Count is null || sold < options.Count))
        {
            var started = DateTimeOffset.Now;
            var meanGap = flatGap;
            DemoItemBoosts? boosts = null;
            if (rhythm is not null)
            {
                if (rhythm.MeanGap(started) is not { } storeGap)
                {
                    if (tally.Count > 0)
                    {
                        // The store has closed: the till closes its day, as a real one does at closing time.
                        await CloseDay(till, printer, tally, cancellationToken);
                    }

                    var opening = rhythm.NextOpening(started);
                    await output.WriteLineAsync($"{terminal.TerminalId}: store closed, first sale after {opening:yyyy-MM-dd HH:mm zzz}");
                    await Pause(Max(opening - started, TimeSpan.FromSeconds(1)), cancellationToken);
                    continue;
                }

                meanGap = storeGap;
                boosts = rhythm.BoostsAt(started);
                var hot = boosts is null ? "none" : string.Join(", ", boosts.Items.Select(i => catalog[i].Name));
                if (announceHotItems && hot != hotNow)
                {
                    await output.WriteLineAsync($"Hot items now ({boosts?.Lift ?? 1:0.#}x their usual rate): {hot}");
                }

                hotNow = hot;
            }

            var sale = generator.Next(started, boosts);
            var itemGap = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(800).Ticks, meanGap.Ticks / (2 * (sale.Steps.Count + 1))));

            foreach (var step in sale.Steps)
            {
                if (step.Barcode is not null)
                {
                    await Pause(itemGap, cancellationToken);
                    if (scanner is not null)
                    {
                        await Write(scanner, Wire.ScannerFrame(step.Barcode, options.SuffixText), cancellationToken);
                    }
                }

                await Write(till, Wire.TillLine(InTillFormat(step.TillLine)), cancellationToken);
            }

            if (printer is not null)
            {
                await Write(printer, ReceiptPrinter.Render(sale, terminal.TerminalId), cancellationToken);
            }

            tally.Add(sale);
            sold++;
            await output.WriteLineAsync($"{terminal.TerminalId}: sale {sold}{(options.Count is { } c ? $"/{c}" : "")} receipt {sale.ReceiptNumber}, {sale.ItemCount} items, total {sale.Total:0.00}");

            if (options.Count is null || sold < options.Count)
            {
                var elapsed = DateTimeOffset.Now - started;
                var gap = NextGap(meanGap);
                if (gap > elapsed)
                {
                    await Pause(gap - elapsed, cancellationToken);
                }
            }
        }

        if (options.ZReportAtEnd && tally.Count > 0)
        {
            // Also at Ctrl+C: the Z is the run's last word, so it is written whatever the token says.
            await CloseDay(till, printer, tally, CancellationToken.None);
        }

        return sold;
    }

    /// <summary>Closes the till's day: its <c>Z</c> record on the till line and, with a printer, the printed Z report.</summary>
    private async Task CloseDay(SerialPort till, SerialPort? printer, DayEndTally tally, CancellationToken cancellationToken)
    {
        var z = tally.CloseDay(DateTimeOffset.Now);
        await Write(till, Wire.TillLine(InTillFormat(z.ToPipeLine())), cancellationToken);
        if (printer is not null)
        {
            await Write(printer, ReceiptPrinter.RenderZ(z), cancellationToken);
        }

        await output.WriteLineAsync($"{terminal.TerminalId}: day-end report (Z) {(printer is null ? "sent" : "sent and printed")}: {z.Count} sales, gross {z.Gross:0.00}");
    }

    /// <summary>The line in the configured form; "mixed" picks one per line, as a till mid-way through a firmware change might.</summary>
    private string InTillFormat(string pipeLine) => options.TillFormat switch
    {
        "json" => TillJsonLine.FromPipe(pipeLine),
        "mixed" when random.Next(2) == 0 => TillJsonLine.FromPipe(pipeLine),
        _ => pipeLine,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Mean of an exponential draw of mean 1 clipped to 0.2–3 (≈ 0.969): the clipping alone would sell 3 % fast.</summary>
    private static readonly double ClippedExponentialMean =
        (0.2 * (1 - Math.Exp(-0.2))) + ((1.2 * Math.Exp(-0.2)) - (4 * Math.Exp(-3))) + (3 * Math.Exp(-3));

    /// <summary>Exponential gap around the given mean, clipped to 0.2-3 times it, scaled so that its mean is the mean asked for.</summary>
    private TimeSpan NextGap(TimeSpan mean)
    {
        var factor = Math.Clamp(-Math.Log(1 - random.NextDouble()), 0.2, 3.0) / ClippedExponentialMean;
        return TimeSpan.FromTicks((long)(mean.Ticks * factor));
    }

    private SerialPort Open(string path)
    {
        var port = new SerialPort(path, options.BaudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or ArgumentException)
        {
            port.Dispose();
            var reason = Exists(path) ? ex.Message : "port not found";
            throw new SimulatorException($"{terminal.TerminalId}: cannot open {path}: {reason}");
        }

        port.DiscardInBuffer();
        return port;
    }

    /// <summary>True when the path or, for a link, its final target exists (a pty link outlives its pty).</summary>
    private static bool Exists(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info.Exists : info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }

    private static async Task Write(SerialPort port, byte[] bytes, CancellationToken cancellationToken)
    {
        await port.BaseStream.WriteAsync(bytes, cancellationToken);
        await port.BaseStream.FlushAsync(cancellationToken);
    }

    private static async Task Pause(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the loop ends after this step.
        }
    }
}

/// <summary>A problem the simulator reports in one line and exits on.</summary>
public sealed class SimulatorException(string message) : Exception(message);
