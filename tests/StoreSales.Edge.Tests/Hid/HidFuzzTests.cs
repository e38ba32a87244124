using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Hid;
using StoreSales.Edge.Devices.Scanner;

namespace StoreSales.Edge.Tests.Hid;

/// <summary>
/// 10^5 random frames (records a keyboard sends, records it never sends, runs of junk bytes, scanner bursts) through
/// the HID scanner's parsing path: the record decoder the evdev reader uses, then the adapter's event handling. In
/// memory, so that every counter can be checked exactly: the FIFO/file fuzz in <see cref="HidScannerAdapterTests"/>
/// covers the reader itself and random junk of every value (where only the byte total can be predicted).
/// </summary>
public sealed class HidFuzzTests
{
    private const int Frames = 100_000;

    /// <summary>Event types no keyboard sends, all at or below EV_MAX (so each still reads as a record, then is ignored).</summary>
    private static readonly ushort[] ForeignTypes = [.. Enumerable.Range(0, EventTypes.Max + 1).Select(t => (ushort)t)
        .Where(t => t is not (EventTypes.Syn or EventTypes.Key or EventTypes.Msc or EventTypes.Led or EventTypes.Rep))];

    [Fact]
    public void A_hundred_thousand_random_frames_throw_nothing_and_every_bad_record_and_junk_byte_is_counted()
    {
        var random = new Random(20251123);
        var terminal = new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent", HidScanner = "/nonexistent" };
        var sink = new RecordingScanSink();
        var adapter = new HidScannerAdapter(terminal, new AgentOptions { StoreId = "store-test" }, sink, NullLogger<HidScannerAdapter>.Instance, TimeProvider.System);
        var decoder = new InputEventDecoder();
        var stream = new MemoryStream();
        var record = new byte[InputEvent.Size];
        var clock = KeyScript.DefaultStart;
        var gtin = Gtin.WithCheckDigit("400638133393");
        var (events, ignored, synDropped, junk) = (0L, 0L, 0L, 0L);

        for (var frame = 0; frame < Frames; frame++)
        {
            clock += random.Next(3) == 0 ? random.Next(200_000) : random.Next(3_000);
            switch (random.Next(10))
            {
                case < 5:
                    // What a keyboard sends: any key (press, release, repeat), SYN (a few SYN_DROPPED), MSC, LED, REP.
                    var (type, code, value) = random.Next(6) switch
                    {
                        0 => (EventTypes.Syn, random.Next(15) == 0 ? EventTypes.SynDropped : EventTypes.SynReport, 0),
                        1 => (EventTypes.Msc, EventTypes.MscScan, random.Next()),
                        2 => (random.Next(2) == 0 ? EventTypes.Led : EventTypes.Rep, (ushort)random.Next(16), random.Next(2)),
                        _ => (EventTypes.Key, (ushort)random.Next(LinuxKeys.Max + 1), random.Next(EventTypes.KeyRelease, EventTypes.KeyRepeat + 1)),
                    };
                    synDropped += type == EventTypes.Syn && code == EventTypes.SynDropped ? 1 : 0;
                    events++;
                    Write(stream, record, new InputEvent(clock / 1_000_000, clock % 1_000_000, type, code, value));
                    break;
                case < 7:
                    // Records a keyboard never sends: a foreign type, a key value other than 0/1/2, a code past KEY_MAX.
                    var bad = random.Next(3) switch
                    {
                        0 => new InputEvent(clock / 1_000_000, clock % 1_000_000, ForeignTypes[random.Next(ForeignTypes.Length)], (ushort)random.Next(ushort.MaxValue + 1), random.Next(int.MinValue, int.MaxValue)),
                        1 => new InputEvent(clock / 1_000_000, clock % 1_000_000, EventTypes.Key, LinuxKeys.D1, random.Next(2) == 0 ? random.Next(3, int.MaxValue) : -random.Next(1, int.MaxValue)),
                        _ => new InputEvent(clock / 1_000_000, clock % 1_000_000, EventTypes.Key, (ushort)random.Next(LinuxKeys.Max + 1, ushort.MaxValue + 1), EventTypes.KeyPress),
                    };
                    events++;
                    ignored++;
                    Write(stream, record, bad);
                    break;
                case < 9:
                    // Junk: 0xFF bytes. No 24-byte window that starts in them is a record (its tv_sec is negative or,
                    // with a real record's seconds shifted in, far past 2^33), so exactly these bytes are skipped.
                    var length = random.Next(1, 3 * InputEvent.Size);
                    junk += length;
                    stream.Write(Enumerable.Repeat((byte)0xFF, length).ToArray());
                    break;
                default:
                    // A scanner burst: it may be read as a scan or spoilt by the random keys around it; either way no crash.
                    var burst = new KeyScript(clock).Type(KeyScript.ScannerGap, KeyScript.NumberRow(gtin, shift: false));
                    clock = burst.Now;
                    events += burst.Events.Count;
                    stream.Write(burst.ToBytes());
                    break;
            }
        }

        var bytes = stream.ToArray();
        var watch = Stopwatch.StartNew();
        for (var at = 0; at < bytes.Length;)
        {
            var chunk = Math.Min(bytes.Length - at, random.Next(1, 4 * InputEvent.Size));
            decoder.Feed(bytes.AsSpan(at, chunk), adapter.OnEvent);
            at += chunk;
        }

        decoder.Reset(); // the device closes: a junk tail shorter than a record is counted too

        var counters = adapter.Snapshot();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Frames} frames ({bytes.Length / 1024} KiB) in {watch.Elapsed.TotalSeconds:0.00} s: " + string.Join(", ", counters.Counters.Where(c => c.Value > 0).Select(c => $"{c.Key}={c.Value}")) + $", junk bytes={decoder.GarbageBytes}");
        Assert.Equal(junk, decoder.GarbageBytes);
        Assert.Equal(0, decoder.Pending);
        Assert.Equal(events, counters[HidScannerCounters.Events]);
        Assert.Equal(ignored, counters[HidScannerCounters.IgnoredEvents]);
        Assert.Equal(synDropped, counters[HidScannerCounters.SynDropped]);
        Assert.Equal(bytes.Length, (events * InputEvent.Size) + junk); // nothing read twice, nothing lost

        // Every Enter-ended entry is accounted for as a frame by what it is, and only valid scans reached the sink.
        var valid = counters[ScannerCounters.Scans] + counters[ScannerCounters.Gs1Scans] + counters[ScannerCounters.VariableMeasureScans] + counters[ScannerCounters.MemberScans];
        Assert.Equal(counters[ScannerCounters.Frames], valid + counters[ScannerCounters.InvalidCheckDigits] + counters[ScannerCounters.Invalid] + counters[ScannerCounters.Unrecognized]);
        Assert.Equal(valid, sink.Scans.Count);
        Assert.Contains(gtin, sink.Codes);
    }

    private static void Write(MemoryStream stream, byte[] record, InputEvent e)
    {
        e.WriteTo(record);
        stream.Write(record);
    }
}
