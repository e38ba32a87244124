using StoreSales.Edge.Devices.Hid;

namespace StoreSales.Edge.Tests.Hid;

public sealed class ScanAssemblerTests
{
    private static readonly TimeSpan MaxGap = TimeSpan.FromMilliseconds(40);

    /// <summary>Types <paramref name="text"/> with presses <paramref name="gapMicros"/> apart from <paramref name="start"/>, then Enter after the same gap.</summary>
    private static ScanEntry Type(ScanAssembler assembler, string text, long gapMicros, long start = 1_000_000)
    {
        var t = start;
        foreach (var c in text)
        {
            assembler.OnKey(c, t, repeat: false);
            t += gapMicros;
        }

        return assembler.OnEnter(t);
    }

    [Fact]
    public void A_fast_burst_ended_by_Enter_is_a_scan()
    {
        var entry = Type(new ScanAssembler(MaxGap, 256), "4006381333931", 2_000);
        Assert.Equal(new ScanEntry(false, ScanEntryKind.Scan, "4006381333931", false), entry);
    }

    [Fact]
    public void The_same_characters_typed_120_ms_apart_are_typing_not_a_scan()
    {
        var entry = Type(new ScanAssembler(MaxGap, 256), "4006381333931", 120_000);
        Assert.Equal(new ScanEntry(true, ScanEntryKind.None, null, false), entry);
    }

    [Fact]
    public void Every_gap_must_stay_below_the_maximum()
    {
        Assert.Equal(ScanEntryKind.Scan, Type(new ScanAssembler(MaxGap, 256), "12345678", 39_999).Kind);
        Assert.True(Type(new ScanAssembler(MaxGap, 256), "12345678", 40_000).Typed);

        // One slow gap before the Enter: the person pressed Enter.
        var assembler = new ScanAssembler(MaxGap, 256);
        for (var i = 0; i < 8; i++)
        {
            assembler.OnKey('1', 1_000 * i, repeat: false);
        }

        Assert.Equal(new ScanEntry(true, ScanEntryKind.None, null, false), assembler.OnEnter(7_000 + 300_000));
    }

    [Fact]
    public void Keys_typed_before_a_scan_are_discarded_and_the_scan_kept()
    {
        var assembler = new ScanAssembler(MaxGap, 256);
        assembler.OnKey('1', 0, repeat: false);
        assembler.OnKey('2', 150_000, repeat: false);
        var entry = Type(assembler, "96385074", 2_000, start: 2_000_000);
        Assert.Equal(new ScanEntry(true, ScanEntryKind.Scan, "96385074", false), entry);
    }

    [Fact]
    public void A_fast_burst_of_fewer_than_four_keys_is_key_roll_over_not_a_scan()
    {
        Assert.True(Type(new ScanAssembler(MaxGap, 256), "123", 5_000).Typed);
        Assert.Equal(ScanEntryKind.Scan, Type(new ScanAssembler(MaxGap, 256), "1234", 5_000).Kind);
    }

    [Fact]
    public void A_lone_Enter_is_nothing()
    {
        Assert.Equal(ScanEntry.Nothing, new ScanAssembler(MaxGap, 256).OnEnter(5));
    }

    [Fact]
    public void An_autorepeat_of_a_character_key_means_a_person_held_it()
    {
        var assembler = new ScanAssembler(MaxGap, 256);
        assembler.OnKey('5', 0, repeat: false);
        assembler.OnKey('5', 30_000, repeat: true);
        assembler.OnKey('5', 60_000, repeat: true);
        assembler.OnKey('5', 90_000, repeat: true);
        Assert.Equal(new ScanEntry(true, ScanEntryKind.None, null, false), assembler.OnEnter(100_000));
    }

    [Fact]
    public void A_clock_that_goes_backwards_is_not_a_burst()
    {
        var assembler = new ScanAssembler(MaxGap, 256);
        assembler.OnKey('1', 10_000_000, repeat: false);
        Assert.True(Type(assembler, "2345", 1_000, start: 5_000_000).Typed);
    }

    [Fact]
    public void An_over_long_burst_is_reported_without_its_text()
    {
        var entry = Type(new ScanAssembler(MaxGap, 256), new string('7', 300), 1_000);
        Assert.Equal(new ScanEntry(false, ScanEntryKind.Overlong, null, false), entry);
        Assert.Equal(ScanEntryKind.Scan, Type(new ScanAssembler(MaxGap, 256), new string('7', 256), 1_000).Kind);
    }

    [Fact]
    public void A_key_without_a_character_makes_the_scan_unreadable()
    {
        var assembler = new ScanAssembler(MaxGap, 256);
        assembler.OnKey('1', 0, repeat: false);
        assembler.OnKey(null, 1_000, repeat: false);
        assembler.OnKey('2', 2_000, repeat: false);
        assembler.OnKey('3', 3_000, repeat: false);
        Assert.Equal(new ScanEntry(false, ScanEntryKind.Scan, "123", true), assembler.OnEnter(4_000));
    }
}
