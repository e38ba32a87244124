using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Hid;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Hid;

/// <summary>
/// The HID scanner adapter reading real FIFOs, files and a pty through the same reader that opens
/// <c>/dev/input/…</c> in production (this kernel has no uinput to make a real input device).
/// </summary>
public sealed class HidScannerAdapterTests
{
    private static readonly string Gtin8 = Gtin.WithCheckDigit("9638507");
    private static readonly string Gtin13 = Gtin.WithCheckDigit("400638133393");
    private static readonly string Gtin13b = Gtin.WithCheckDigit("692043321819");

    private static string WrongCheckDigit(string gtin) => gtin[..^1] + (char)('0' + ((gtin[^1] - '0' + 1) % 10));

    [Fact]
    public async Task A_US_scan_reaches_the_scan_sink_and_other_codes_are_counted()
    {
        using var dir = new TempDirectory();
        var fifo = Fifo.Create(dir.File("event-kbd"));
        await using var run = await Running.StartAsync(fifo, "us");
        await using var device = await Fifo.OpenWriterAsync(fifo);

        var script = new KeyScript()
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false))
            .Wait(TimeSpan.FromSeconds(1))
            .Type(KeyScript.ScannerGap, [(LinuxKeys.S, true), (LinuxKeys.K, true), (LinuxKeys.U, true), (LinuxKeys.Minus, false), (LinuxKeys.D7, false)])
            .Wait(TimeSpan.FromSeconds(1))
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(WrongCheckDigit(Gtin13b), shift: false));
        device.Write(script.ToBytes());

        var snapshot = await run.WaitForEventsAsync(script.Events.Count);
        Assert.Equal([Gtin13], run.Sink.Codes);
        Assert.Equal("T01", run.Sink.Scans[0].TerminalId);
        Assert.Equal(3, snapshot[ScannerCounters.Frames]);
        Assert.Equal(1, snapshot[ScannerCounters.Scans]);
        Assert.Equal(1, snapshot[ScannerCounters.Unrecognized]);       // "SKU-7"
        Assert.Equal(1, snapshot[ScannerCounters.InvalidCheckDigits]);
        Assert.Equal(0, snapshot[HidScannerCounters.Typed]);
        Assert.Equal((true, 1, "hid-scanner"), (snapshot.Connected, snapshot[ScannerCounters.Opens], snapshot.Kind));
    }

    [Fact]
    public async Task An_AZERTY_scan_with_Shift_reaches_the_sink_and_a_US_set_scanner_is_flagged_as_a_layout_mismatch()
    {
        using var dir = new TempDirectory();
        var fifo = Fifo.Create(dir.File("event-kbd"));
        await using var run = await Running.StartAsync(fifo, "fr");
        await using var device = await Fifo.OpenWriterAsync(fifo);

        var script = new KeyScript()
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13b, shift: true))
            .Wait(TimeSpan.FromSeconds(1))
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin8, shift: false)); // the scanner is still set to US
        device.Write(script.ToBytes());

        var snapshot = await run.WaitForEventsAsync(script.Events.Count);
        Assert.Equal([Gtin13b], run.Sink.Codes);
        Assert.Equal(1, snapshot[ScannerCounters.Unrecognized]);
        Assert.Equal(1, snapshot[HidScannerCounters.LayoutMismatches]);
    }

    [Fact]
    public async Task The_same_digits_typed_120_ms_apart_are_typing_not_a_scan()
    {
        using var dir = new TempDirectory();
        var fifo = Fifo.Create(dir.File("event-kbd"));
        await using var run = await Running.StartAsync(fifo, "us");
        await using var device = await Fifo.OpenWriterAsync(fifo);

        // The kernel's timestamps decide, not when the bytes arrive: all of this is written at once.
        var script = new KeyScript()
            .Type(TimeSpan.FromMilliseconds(120), KeyScript.NumberRow(Gtin13, shift: false))
            .Wait(TimeSpan.FromSeconds(2))
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false));
        device.Write(script.ToBytes());

        var snapshot = await run.WaitForEventsAsync(script.Events.Count);
        Assert.Equal([Gtin13], run.Sink.Codes);
        Assert.Equal(1, snapshot[HidScannerCounters.Typed]);
        Assert.Equal(1, snapshot[ScannerCounters.Frames]);
    }

    [Fact]
    public async Task Records_written_in_odd_chunks_through_a_FIFO_are_reassembled()
    {
        using var dir = new TempDirectory();
        var fifo = Fifo.Create(dir.File("event-kbd"));
        await using var run = await Running.StartAsync(fifo, "fr");
        await using var device = await Fifo.OpenWriterAsync(fifo);

        var script = new KeyScript();
        foreach (var code in (string[])[Gtin8, Gtin13, Gtin13b])
        {
            script.Type(KeyScript.ScannerGap, KeyScript.NumberRow(code, shift: true)).Wait(TimeSpan.FromMilliseconds(500));
        }

        var bytes = script.ToBytes();
        int[] chunkSizes = [1, 7, 23, 25, 5, 48, 13, 2, 71, 24, 17];
        for (int offset = 0, i = 0; offset < bytes.Length; i++)
        {
            var size = Math.Min(chunkSizes[i % chunkSizes.Length], bytes.Length - offset);
            device.Write(bytes, offset, size);
            offset += size;
            if (i % 4 == 0)
            {
                await Task.Delay(1, TestContext.Current.CancellationToken); // let the reader see a partial record now and then
            }
        }

        var snapshot = await run.WaitForEventsAsync(script.Events.Count);
        Assert.Equal([Gtin8, Gtin13, Gtin13b], run.Sink.Codes);
        Assert.Equal(0, snapshot[HidScannerCounters.GarbageBytes]);
    }

    [Fact]
    public async Task Garbage_bytes_and_wrong_event_types_are_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        var fifo = Fifo.Create(dir.File("event-kbd"));
        await using var run = await Running.StartAsync(fifo, "us");
        await using var device = await Fifo.OpenWriterAsync(fifo);

        var junk = new KeyScript().Raw(EventTypes.Rel, 0, -3).Raw(EventTypes.Abs, 0, 500).Raw(EventTypes.Key, LinuxKeys.D4, 9);
        var scan = new KeyScript(junk.Now + 1_000_000).Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false));
        device.Write([0xDE, 0xAD, 0xBE, 0xEF, 0x42]);
        device.Write(junk.ToBytes());
        device.Write([0xFF, 0xFF, 0xFF]);
        device.Write(scan.ToBytes());

        var snapshot = await run.WaitForEventsAsync(junk.Events.Count + scan.Events.Count);
        Assert.Equal([Gtin13], run.Sink.Codes);
        Assert.Equal(8, snapshot[HidScannerCounters.GarbageBytes]);
        Assert.Equal(3, snapshot[HidScannerCounters.IgnoredEvents]);
        Assert.True(snapshot.Connected);
    }

    [Fact]
    public async Task A_device_path_that_is_missing_is_opened_when_it_appears_and_again_after_it_vanished()
    {
        using var dir = new TempDirectory();
        var byId = Path.Combine(dir.Path, "by-id");
        var link = Path.Combine(byId, "usb-Acme_Scanner_0001-event-kbd");
        await using var run = await Running.StartAsync(link, "us", waitForOpen: false);

        await Eventually.Holds(() => run.Adapter.Snapshot()[ScannerCounters.PortFaults] >= 2, "two failed opens of the missing path", cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(run.Adapter.Snapshot().Connected);

        // The scanner is plugged in: udev makes the device and its by-id link.
        Directory.CreateDirectory(byId);
        var fifo = Fifo.Create(dir.File("event5"));
        File.CreateSymbolicLink(link, fifo);
        await Eventually.Holds(() => run.Adapter.Snapshot().Connected, "the device to open", cancellationToken: TestContext.Current.CancellationToken);
        var first = new KeyScript().Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false));
        await using (var device = await Fifo.OpenWriterAsync(link))
        {
            device.Write(first.ToBytes());
            await run.WaitForEventsAsync(first.Events.Count);

            // Unplugged: the link goes, then the device ends (the writer closes).
            File.Delete(link);
        }

        await Eventually.Holds(() => !run.Adapter.Snapshot().Connected, "the device to be lost", cancellationToken: TestContext.Current.CancellationToken);
        var faults = run.Adapter.Snapshot()[ScannerCounters.PortFaults];
        await Eventually.Holds(() => run.Adapter.Snapshot()[ScannerCounters.PortFaults] >= faults + 2, "failed reopens while unplugged", cancellationToken: TestContext.Current.CancellationToken);

        // Plugged in again.
        File.CreateSymbolicLink(link, fifo);
        await Eventually.Holds(() => run.Adapter.Snapshot().Connected, "the device to reopen", cancellationToken: TestContext.Current.CancellationToken);
        var second = new KeyScript(first.Now + 5_000_000).Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin8, shift: false));
        await using (var device = await Fifo.OpenWriterAsync(link))
        {
            device.Write(second.ToBytes());
            await run.WaitForEventsAsync(first.Events.Count + second.Events.Count);
        }

        Assert.Equal([Gtin13, Gtin8], run.Sink.Codes);
        Assert.Equal(2, run.Adapter.Snapshot()[ScannerCounters.Opens]);
    }

    [Fact]
    public async Task A_path_that_is_a_directory_is_refused_and_retried_like_a_missing_device()
    {
        using var dir = new TempDirectory();
        await using var run = await Running.StartAsync(dir.Path, "us", waitForOpen: false);

        await Eventually.Holds(() => run.Adapter.Snapshot()[ScannerCounters.PortFaults] >= 2, "two refused opens", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((false, 0), (run.Adapter.Snapshot().Connected, run.Adapter.Snapshot()[ScannerCounters.Opens]));
    }

    [Fact]
    public async Task Grabbing_is_skipped_on_a_FIFO_and_fails_harmlessly_on_a_character_device_that_is_no_evdev()
    {
        using var dir = new TempDirectory();
        var fifo = Fifo.Create(dir.File("event-kbd"));
        await using (var run = await Running.StartAsync(fifo, "us", grab: true))
        {
            Assert.Equal(GrabState.Skipped, run.Adapter.Grab);
        }

        // A pty is a real character device; EVIOCGRAB on it fails with ENOTTY and reading goes on.
        await using var pair = await SocatPair.StartAsync(dir.Path, "kbd", TestContext.Current.CancellationToken);
        await using var ptyRun = await Running.StartAsync(pair.AgentEnd, "us", grab: true);
        Assert.Equal(GrabState.Failed, ptyRun.Adapter.Grab);
        await using var device = new FileStream(pair.DeviceEnd, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var script = new KeyScript().Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin8, shift: false));
        device.Write(script.ToBytes());

        await ptyRun.WaitForEventsAsync(script.Events.Count);
        Assert.Equal([Gtin8], ptyRun.Sink.Codes);
    }

    [Fact]
    public async Task A_hundred_thousand_random_records_from_a_file_throw_nothing_and_a_scan_after_them_is_read()
    {
        const int Records = 100_000;
        using var dir = new TempDirectory();
        var file = dir.File("recording.bin");
        await File.WriteAllBytesAsync(file, RandomRecords(Records, seed: 20240610), TestContext.Current.CancellationToken);

        // After the noise: modifiers released (the noise may have "held" some), then a scan.
        var trailer = new KeyScript(KeyScript.DefaultStart + 86_400_000_000L)
            .Raw(EventTypes.Syn, EventTypes.SynReport, 0)
            .Raw(EventTypes.Syn, EventTypes.SynReport, 0);
        foreach (var modifier in (ushort[])[LinuxKeys.LeftShift, LinuxKeys.RightShift, LinuxKeys.LeftCtrl, LinuxKeys.RightCtrl, LinuxKeys.LeftAlt, LinuxKeys.RightAlt, LinuxKeys.LeftMeta, LinuxKeys.RightMeta])
        {
            trailer.Up(modifier);
        }

        trailer.Wait(TimeSpan.FromSeconds(1)).Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false));
        await using (var append = new FileStream(file, FileMode.Append))
        {
            append.Write(trailer.ToBytes());
        }

        var totalBytes = new FileInfo(file).Length;
        await using var run = await Running.StartAsync(file, "us", logged: false);
        await Eventually.Holds(
            () => run.Adapter.Snapshot() is var s && (s[HidScannerCounters.Events] * InputEvent.Size) + s[HidScannerCounters.GarbageBytes] == totalBytes,
            "every byte to be decoded or skipped",
            TimeSpan.FromSeconds(15), cancellationToken: TestContext.Current.CancellationToken);

        var snapshot = run.Adapter.Snapshot();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", snapshot.Counters.Select(c => $"{c.Key}={c.Value}")));
        Assert.True(snapshot.Connected);
        Assert.Equal(0, snapshot[ScannerCounters.PortFaults]);
        Assert.NotEmpty(run.Sink.Codes);
        Assert.Equal(Gtin13, run.Sink.Codes[^1]);

        // The file is followed like tail -f: a scan appended later is read too.
        var later = new KeyScript(trailer.Now + 10_000_000).Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin8, shift: false));
        await using (var append = new FileStream(file, FileMode.Append))
        {
            append.Write(later.ToBytes());
        }

        await Eventually.Holds(() => run.Sink.Codes is [.., var last] && last == Gtin8, "the appended scan", cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A quarter pure noise, the rest records that pass for the kernel's: EV_KEY, EV_SYN (SYN_REPORT, some SYN_DROPPED), EV_MSC
    /// and any other type, random and meaningful codes (Enter, Shift, AltGr …), odd values, clock jumps both ways.
    /// </summary>
    private static byte[] RandomRecords(int count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[count * InputEvent.Size];
        ushort[] interesting = [LinuxKeys.Enter, LinuxKeys.KpEnter, LinuxKeys.LeftShift, LinuxKeys.RightShift, LinuxKeys.RightAlt, LinuxKeys.LeftCtrl];
        var clock = KeyScript.DefaultStart;
        for (var i = 0; i < count; i++)
        {
            var record = bytes.AsSpan(i * InputEvent.Size, InputEvent.Size);
            if (random.Next(4) == 0)
            {
                random.NextBytes(record);
                continue;
            }

            clock += random.Next(3) == 0 ? random.Next(200_000) : random.Next(3_000);
            if (random.Next(100) == 0 || clock >= InputEvent.MaxSeconds * 1_000_000)
            {
                clock = random.NextInt64(0, InputEvent.MaxSeconds) * 1_000_000;
            }

            var type = random.Next(8) switch
            {
                0 => EventTypes.Syn,
                1 => EventTypes.Msc,
                2 => (ushort)random.Next(EventTypes.Max + 1),
                _ => EventTypes.Key,
            };
            var code = random.Next(4) switch
            {
                _ when type == EventTypes.Syn => random.Next(20) == 0 ? EventTypes.SynDropped : EventTypes.SynReport,
                0 => (ushort)random.Next(ushort.MaxValue + 1),
                1 => interesting[random.Next(interesting.Length)],
                _ => (ushort)random.Next(128),
            };
            var value = random.Next(6) switch
            {
                0 => random.Next(int.MinValue, int.MaxValue),
                1 => random.Next(-2, 5),
                2 => EventTypes.KeyRelease,
                _ => EventTypes.KeyPress,
            };
            new InputEvent(clock / 1_000_000, clock % 1_000_000, type, code, value).WriteTo(record);
        }

        return bytes;
    }

    /// <summary>An adapter running on a path until disposed.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private Running(HidScannerAdapter adapter, RecordingScanSink sink)
        {
            Adapter = adapter;
            Sink = sink;
        }

        public HidScannerAdapter Adapter { get; }

        public RecordingScanSink Sink { get; }

        public static async Task<Running> StartAsync(string path, string layout, bool grab = false, bool waitForOpen = true, bool logged = true)
        {
            var terminal = new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent", HidScanner = path, HidLayout = layout, HidGrab = grab };
            var agent = new AgentOptions { StoreId = "store-test", PortRetryDelay = TimeSpan.FromMilliseconds(50), PortRetryMaxDelay = TimeSpan.FromMilliseconds(200) };
            var sink = new RecordingScanSink();
            var adapter = new HidScannerAdapter(terminal, agent, sink, Logger(logged), TimeProvider.System);
            var running = new Running(adapter, sink);
            running._run = adapter.RunAsync(running._stop.Token);
            if (waitForOpen)
            {
                await Eventually.Holds(() => adapter.Snapshot().Connected, "the input device to open", cancellationToken: TestContext.Current.CancellationToken);
            }

            return running;
        }

        /// <summary>Waits until <paramref name="count"/> well-formed records have been read.</summary>
        public async Task<Devices.DeviceSnapshot> WaitForEventsAsync(long count)
        {
            await Eventually.Holds(() => Adapter.Snapshot()[HidScannerCounters.Events] >= count, $"{count} events read", cancellationToken: TestContext.Current.CancellationToken);
            return Adapter.Snapshot();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            _stop.Dispose();
        }

        private static ILogger<HidScannerAdapter> Logger(bool logged) =>
            logged && TestContext.Current.TestOutputHelper is { } output
                ? LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Debug)).CreateLogger<HidScannerAdapter>()
                : NullLogger<HidScannerAdapter>.Instance;
    }
}
