using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Devices.Hid;
using StoreSales.Edge.Devices.Scanner;

namespace StoreSales.Edge.Tests.Hid;

/// <summary>From recorded-style event sequences to scans: layouts, Shift, timing, repeats, odd records.</summary>
public sealed class HidScanDecoderTests
{
    private static readonly TimeSpan MaxGap = TimeSpan.FromMilliseconds(40);

    /// <summary><c>evtest</c> on a US-set scanner reading the Code 128 "Ab-12": Shift held for the A only.</summary>
    private const string UsCode128Transcript = """
        Input driver version is 1.0.1
        Input device name: "Acme Scanner Keyboard"
        Testing ... (interrupt to exit)
        Event: time 1718000000.100000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 700e1
        Event: time 1718000000.100000, type 1 (EV_KEY), code 42 (KEY_LEFTSHIFT), value 1
        Event: time 1718000000.100000, -------------- SYN_REPORT ------------
        Event: time 1718000000.100120, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70004
        Event: time 1718000000.100120, type 1 (EV_KEY), code 30 (KEY_A), value 1
        Event: time 1718000000.100120, -------------- SYN_REPORT ------------
        Event: time 1718000000.101000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70004
        Event: time 1718000000.101000, type 1 (EV_KEY), code 30 (KEY_A), value 0
        Event: time 1718000000.101000, -------------- SYN_REPORT ------------
        Event: time 1718000000.102000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 700e1
        Event: time 1718000000.102000, type 1 (EV_KEY), code 42 (KEY_LEFTSHIFT), value 0
        Event: time 1718000000.102000, -------------- SYN_REPORT ------------
        Event: time 1718000000.103000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70005
        Event: time 1718000000.103000, type 1 (EV_KEY), code 48 (KEY_B), value 1
        Event: time 1718000000.103000, -------------- SYN_REPORT ------------
        Event: time 1718000000.104000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70005
        Event: time 1718000000.104000, type 1 (EV_KEY), code 48 (KEY_B), value 0
        Event: time 1718000000.104000, -------------- SYN_REPORT ------------
        Event: time 1718000000.105000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 7002d
        Event: time 1718000000.105000, type 1 (EV_KEY), code 12 (KEY_MINUS), value 1
        Event: time 1718000000.105000, -------------- SYN_REPORT ------------
        Event: time 1718000000.106000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 7002d
        Event: time 1718000000.106000, type 1 (EV_KEY), code 12 (KEY_MINUS), value 0
        Event: time 1718000000.106000, -------------- SYN_REPORT ------------
        Event: time 1718000000.107000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 7001e
        Event: time 1718000000.107000, type 1 (EV_KEY), code 2 (KEY_1), value 1
        Event: time 1718000000.107000, -------------- SYN_REPORT ------------
        Event: time 1718000000.108000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 7001e
        Event: time 1718000000.108000, type 1 (EV_KEY), code 2 (KEY_1), value 0
        Event: time 1718000000.108000, -------------- SYN_REPORT ------------
        Event: time 1718000000.109000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 7001f
        Event: time 1718000000.109000, type 1 (EV_KEY), code 3 (KEY_2), value 1
        Event: time 1718000000.109000, -------------- SYN_REPORT ------------
        Event: time 1718000000.110000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 7001f
        Event: time 1718000000.110000, type 1 (EV_KEY), code 3 (KEY_2), value 0
        Event: time 1718000000.110000, -------------- SYN_REPORT ------------
        Event: time 1718000000.111000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70028
        Event: time 1718000000.111000, type 1 (EV_KEY), code 28 (KEY_ENTER), value 1
        Event: time 1718000000.111000, -------------- SYN_REPORT ------------
        Event: time 1718000000.112000, type 4 (EV_MSC), code 4 (MSC_SCAN), value 70028
        Event: time 1718000000.112000, type 1 (EV_KEY), code 28 (KEY_ENTER), value 0
        Event: time 1718000000.112000, -------------- SYN_REPORT ------------
        """;

    private static readonly string Gtin8 = Gtin.WithCheckDigit("9638507");
    private static readonly string Gtin13 = Gtin.WithCheckDigit("400638133393");

    private static List<ScanEntry> Decode(HidScanDecoder decoder, IEnumerable<InputEvent> events) =>
        [.. events.Select(decoder.Feed).Where(e => e != ScanEntry.Nothing)];

    [Fact]
    public void A_US_scan_with_Shift_decodes_from_an_evtest_capture()
    {
        var events = EvtestTranscript.Parse(UsCode128Transcript);
        Assert.Equal(42, events.Count);

        var decoder = new HidScanDecoder(KeyboardLayout.Us, MaxGap);
        var entry = Assert.Single(Decode(decoder, events));

        Assert.Equal(new ScanEntry(false, ScanEntryKind.Scan, "Ab-12", false), entry);
        Assert.Equal(42, decoder.Counters[HidScannerCounters.Events]);
        Assert.Equal(0, decoder.Counters[HidScannerCounters.IgnoredEvents]);
    }

    [Fact]
    public void An_AZERTY_scan_has_Shift_on_every_digit()
    {
        // Scanners set to French press Shift around each digit; some hold it across the whole code.
        var perKey = new KeyScript().Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin8, shift: true));
        var held = new KeyScript(perKey.Now + 1_000_000).Down(LinuxKeys.RightShift)
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false), enter: false)
            .Up(LinuxKeys.RightShift).Type(KeyScript.ScannerGap, [], enter: true);

        var decoder = new HidScanDecoder(KeyboardLayout.French, MaxGap);
        var entries = Decode(decoder, [.. perKey.Events, .. held.Events]);

        Assert.Equal([Gtin8, Gtin13], entries.Select(e => e.Text));
        Assert.All(entries, e => Assert.False(e.Typed));
    }

    [Fact]
    public void Unshifted_digit_keys_on_AZERTY_are_not_digits()
    {
        var script = new KeyScript().Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin8, shift: false));
        var entry = Assert.Single(Decode(new HidScanDecoder(KeyboardLayout.French, MaxGap), script.Events));
        Assert.Equal("ç-\"_(àè'", entry.Text); // 9 6 3 8 5 0 7 4 unshifted
    }

    [Fact]
    public void A_QWERTZ_scan_decodes_letters_in_their_German_places()
    {
        var script = new KeyScript().Type(KeyScript.ScannerGap, [(LinuxKeys.Y, true), (LinuxKeys.Z, false), (LinuxKeys.Slash, false), (LinuxKeys.D7, true), (LinuxKeys.D1, false)]);
        var entry = Assert.Single(Decode(new HidScanDecoder(KeyboardLayout.German, MaxGap), script.Events));
        Assert.Equal("Zy-/1", entry.Text);
    }

    [Fact]
    public void The_same_keys_typed_120_ms_apart_are_counted_as_typed()
    {
        var decoder = new HidScanDecoder(KeyboardLayout.Us, MaxGap);
        var slow = new KeyScript().Type(TimeSpan.FromMilliseconds(120), KeyScript.NumberRow(Gtin13, shift: false));
        var fast = new KeyScript(slow.Now + 2_000_000).Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false));

        var entries = Decode(decoder, [.. slow.Events, .. fast.Events]);

        Assert.Equal([new ScanEntry(true, ScanEntryKind.None, null, false), new ScanEntry(false, ScanEntryKind.Scan, Gtin13, false)], entries);
        Assert.Equal(1, decoder.Counters[HidScannerCounters.Typed]);
    }

    [Fact]
    public void Repeat_events_of_Shift_do_nothing_and_of_a_character_key_mean_typing()
    {
        // Shift autorepeats while held across a scan: still the scan.
        var shiftRepeats = new KeyScript().Down(LinuxKeys.LeftShift);
        foreach (var key in KeyScript.NumberRow(Gtin8, shift: false))
        {
            shiftRepeats.Repeat(LinuxKeys.LeftShift).Type(KeyScript.ScannerGap, [key], enter: false);
        }

        shiftRepeats.Up(LinuxKeys.LeftShift).Type(KeyScript.ScannerGap, []);

        // A held "1": press, then autorepeats 33 ms apart (kernel REP_PERIOD), then Enter: typing.
        var held = new KeyScript(shiftRepeats.Now + 1_000_000).Down(LinuxKeys.D1);
        for (var i = 0; i < 6; i++)
        {
            held.Wait(TimeSpan.FromMilliseconds(33)).Repeat(LinuxKeys.D1);
        }

        held.Up(LinuxKeys.D1).Wait(TimeSpan.FromMilliseconds(5)).Type(KeyScript.ScannerGap, []);

        var decoder = new HidScanDecoder(KeyboardLayout.French, MaxGap);
        var entries = Decode(decoder, [.. shiftRepeats.Events, .. held.Events]);

        Assert.Equal([new ScanEntry(false, ScanEntryKind.Scan, Gtin8, false), new ScanEntry(true, ScanEntryKind.None, null, false)], entries);
    }

    [Fact]
    public void Events_a_keyboard_does_not_send_are_ignored_and_counted()
    {
        var script = new KeyScript()
            .Raw(EventTypes.Rel, 0, 5)                         // a mouse movement
            .Raw(EventTypes.Abs, 1, 300)                       // a touch position
            .Raw(EventTypes.Key, LinuxKeys.D1, 7)              // no such key value
            .Raw(EventTypes.Key, LinuxKeys.Max + 1, 1)         // beyond KEY_MAX
            .Raw(EventTypes.Max, 0, 0)
            .Raw(EventTypes.Led, 1, 1)                         // Caps Lock LED: ordinary, not counted
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin13, shift: false));
        var decoder = new HidScanDecoder(KeyboardLayout.Us, MaxGap);

        var entry = Assert.Single(Decode(decoder, script.Events));

        Assert.Equal(Gtin13, entry.Text);
        Assert.Equal(5, decoder.Counters[HidScannerCounters.IgnoredEvents]);
    }

    [Fact]
    public void SYN_DROPPED_discards_the_entry_and_forgets_held_keys()
    {
        var script = new KeyScript()
            .Down(LinuxKeys.LeftShift)
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow("1234", shift: false), enter: false)
            .Raw(EventTypes.Syn, EventTypes.SynDropped, 0)
            .Up(LinuxKeys.D5)                                  // dropped up to the next SYN_REPORT
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(Gtin8, shift: false));
        var decoder = new HidScanDecoder(KeyboardLayout.Us, MaxGap);

        var entry = Assert.Single(Decode(decoder, script.Events));

        Assert.Equal(Gtin8, entry.Text);
        Assert.Equal(1, decoder.Counters[HidScannerCounters.SynDropped]);
    }

    [Fact]
    public void Unmapped_keys_are_counted_and_make_the_scan_unreadable()
    {
        var script = new KeyScript().Type(KeyScript.ScannerGap, [(LinuxKeys.D1, false), (LinuxKeys.F1, false), (LinuxKeys.D2, false), (LinuxKeys.D3, false)]);
        var decoder = new HidScanDecoder(KeyboardLayout.Us, MaxGap);

        var entry = Assert.Single(Decode(decoder, script.Events));

        Assert.True(entry.Unreadable);
        Assert.Equal(1, decoder.Counters[HidScannerCounters.UnmappedKeys]);
    }

    [Fact]
    public void Over_long_bursts_are_counted()
    {
        var script = new KeyScript().Type(TimeSpan.FromMilliseconds(1), KeyScript.NumberRow(new string('7', 300), shift: false));
        var decoder = new HidScanDecoder(KeyboardLayout.Us, MaxGap);

        Assert.Equal(ScanEntryKind.Overlong, Assert.Single(Decode(decoder, script.Events)).Kind);
        Assert.Equal(1, decoder.Counters[ScannerCounters.Overlong]);
    }
}
