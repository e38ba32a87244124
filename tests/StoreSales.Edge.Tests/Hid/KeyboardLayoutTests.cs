using StoreSales.Edge.Devices.Hid;

namespace StoreSales.Edge.Tests.Hid;

public sealed class KeyboardLayoutTests
{
    private static string Type(KeyboardLayout layout, KeyModifiers modifiers, params ushort[] codes) =>
        new([.. codes.Select(c => layout.TryMap(c, modifiers, out var ch) ? ch : '□')]);

    private static readonly ushort[] NumberRowKeys =
        [LinuxKeys.D1, LinuxKeys.D2, LinuxKeys.D3, LinuxKeys.D4, LinuxKeys.D5, LinuxKeys.D6, LinuxKeys.D7, LinuxKeys.D8, LinuxKeys.D9, LinuxKeys.D0];

    [Fact]
    public void US_maps_positions_with_and_without_Shift()
    {
        var us = KeyboardLayout.Us;
        Assert.Equal("1234567890", Type(us, KeyModifiers.None, NumberRowKeys));
        Assert.Equal("!@#$%^&*()", Type(us, KeyModifiers.Shift, NumberRowKeys));
        Assert.Equal("qaz-=;',./ \t", Type(us, KeyModifiers.None, LinuxKeys.Q, LinuxKeys.A, LinuxKeys.Z, LinuxKeys.Minus, LinuxKeys.EqualSign, LinuxKeys.Semicolon, LinuxKeys.Apostrophe, LinuxKeys.Comma, LinuxKeys.Dot, LinuxKeys.Slash, LinuxKeys.Space, LinuxKeys.Tab));
        Assert.Equal("QAZ_+:\"<>?", Type(us, KeyModifiers.Shift, LinuxKeys.Q, LinuxKeys.A, LinuxKeys.Z, LinuxKeys.Minus, LinuxKeys.EqualSign, LinuxKeys.Semicolon, LinuxKeys.Apostrophe, LinuxKeys.Comma, LinuxKeys.Dot, LinuxKeys.Slash));
    }

    [Fact]
    public void On_AZERTY_the_digits_need_Shift()
    {
        var fr = KeyboardLayout.French;
        Assert.Equal("&é\"'(-è_çà", Type(fr, KeyModifiers.None, NumberRowKeys));
        Assert.Equal("1234567890", Type(fr, KeyModifiers.Shift, NumberRowKeys));
        Assert.Equal("azqwm,;:!", Type(fr, KeyModifiers.None, LinuxKeys.Q, LinuxKeys.W, LinuxKeys.A, LinuxKeys.Z, LinuxKeys.Semicolon, LinuxKeys.M, LinuxKeys.Comma, LinuxKeys.Dot, LinuxKeys.Slash));
        Assert.Equal("AZQWM?./§", Type(fr, KeyModifiers.Shift, LinuxKeys.Q, LinuxKeys.W, LinuxKeys.A, LinuxKeys.Z, LinuxKeys.Semicolon, LinuxKeys.M, LinuxKeys.Comma, LinuxKeys.Dot, LinuxKeys.Slash));
        Assert.Equal("@#", Type(fr, KeyModifiers.AltGr, LinuxKeys.D0, LinuxKeys.D3));
        Assert.False(fr.TryMap(LinuxKeys.LeftBrace, KeyModifiers.None, out _)); // the dead circumflex
    }

    [Fact]
    public void QWERTZ_swaps_Y_and_Z_and_shifts_its_own_symbols()
    {
        var de = KeyboardLayout.German;
        Assert.Equal("1234567890", Type(de, KeyModifiers.None, NumberRowKeys));
        Assert.Equal("!\"§$%&/()=", Type(de, KeyModifiers.Shift, NumberRowKeys));
        Assert.Equal("zyß-öä#", Type(de, KeyModifiers.None, LinuxKeys.Y, LinuxKeys.Z, LinuxKeys.Minus, LinuxKeys.Slash, LinuxKeys.Semicolon, LinuxKeys.Apostrophe, LinuxKeys.Backslash));
        Assert.Equal("ZY?_", Type(de, KeyModifiers.Shift, LinuxKeys.Y, LinuxKeys.Z, LinuxKeys.Minus, LinuxKeys.Slash));
        Assert.Equal("@€{", Type(de, KeyModifiers.AltGr, LinuxKeys.Q, LinuxKeys.E, LinuxKeys.D7));
    }

    [Fact]
    public void Keypad_digits_and_Enter_type_the_same_on_every_layout()
    {
        foreach (var layout in KeyboardLayout.All)
        {
            Assert.Equal("7894561230", Type(layout, KeyModifiers.None, LinuxKeys.Kp7, LinuxKeys.Kp8, LinuxKeys.Kp9, LinuxKeys.Kp4, LinuxKeys.Kp5, LinuxKeys.Kp6, LinuxKeys.Kp1, LinuxKeys.Kp2, LinuxKeys.Kp3, LinuxKeys.Kp0));
            Assert.Equal("7", Type(layout, KeyModifiers.Shift, LinuxKeys.Kp7));
        }
    }

    [Fact]
    public void Ctrl_Alt_and_unknown_codes_type_nothing()
    {
        Assert.False(KeyboardLayout.Us.TryMap(LinuxKeys.A, KeyModifiers.Control, out _));
        Assert.False(KeyboardLayout.Us.TryMap(LinuxKeys.A, KeyModifiers.Alt | KeyModifiers.Shift, out _));
        Assert.False(KeyboardLayout.Us.TryMap(LinuxKeys.F1, KeyModifiers.None, out _));
        Assert.False(KeyboardLayout.Us.TryMap(ushort.MaxValue, KeyModifiers.None, out _));
    }

    [Theory]
    [InlineData("us", "us")]
    [InlineData("FR", "fr")]
    [InlineData(" de ", "de")]
    [InlineData("", "us")]
    [InlineData(null, "us")]
    public void Layouts_are_found_by_name(string? name, string expected)
    {
        Assert.True(KeyboardLayout.TryGet(name, out var layout));
        Assert.Equal(expected, layout.Name);
    }

    [Fact]
    public void An_unknown_layout_name_is_refused()
    {
        Assert.False(KeyboardLayout.TryGet("azerty", out _));
    }

    [Fact]
    public void Text_read_on_the_wrong_layout_can_be_reread_on_the_right_one()
    {
        Assert.Equal("1234567890", KeyboardLayout.French.Reread("&é\"'(-è_çà", KeyboardLayout.Us));
        Assert.Equal("1234567890", KeyboardLayout.Us.Reread("!@#$%^&*()", KeyboardLayout.French));
        Assert.Equal("zy", KeyboardLayout.Us.Reread("yz", KeyboardLayout.German));
    }
}
