namespace StoreSales.Edge.Devices.Hid;

/// <summary>
/// Key codes of <c>linux/input-event-codes.h</c>. A code names a key's <em>position</em> on a US keyboard
/// (<c>KEY_Q</c> is the key right of Tab), whatever the layout prints on it: on AZERTY that key types "a".
/// </summary>
public static class LinuxKeys
{
    public const ushort Esc = 1;
    public const ushort D1 = 2;
    public const ushort D2 = 3;
    public const ushort D3 = 4;
    public const ushort D4 = 5;
    public const ushort D5 = 6;
    public const ushort D6 = 7;
    public const ushort D7 = 8;
    public const ushort D8 = 9;
    public const ushort D9 = 10;
    public const ushort D0 = 11;
    public const ushort Minus = 12;
    public const ushort EqualSign = 13;
    public const ushort Backspace = 14;
    public const ushort Tab = 15;
    public const ushort Q = 16;
    public const ushort W = 17;
    public const ushort E = 18;
    public const ushort R = 19;
    public const ushort T = 20;
    public const ushort Y = 21;
    public const ushort U = 22;
    public const ushort I = 23;
    public const ushort O = 24;
    public const ushort P = 25;
    public const ushort LeftBrace = 26;
    public const ushort RightBrace = 27;
    public const ushort Enter = 28;
    public const ushort LeftCtrl = 29;
    public const ushort A = 30;
    public const ushort S = 31;
    public const ushort D = 32;
    public const ushort F = 33;
    public const ushort G = 34;
    public const ushort H = 35;
    public const ushort J = 36;
    public const ushort K = 37;
    public const ushort L = 38;
    public const ushort Semicolon = 39;
    public const ushort Apostrophe = 40;
    public const ushort Grave = 41;
    public const ushort LeftShift = 42;
    public const ushort Backslash = 43;
    public const ushort Z = 44;
    public const ushort X = 45;
    public const ushort C = 46;
    public const ushort V = 47;
    public const ushort B = 48;
    public const ushort N = 49;
    public const ushort M = 50;
    public const ushort Comma = 51;
    public const ushort Dot = 52;
    public const ushort Slash = 53;
    public const ushort RightShift = 54;
    public const ushort KpAsterisk = 55;
    public const ushort LeftAlt = 56;
    public const ushort Space = 57;
    public const ushort CapsLock = 58;
    public const ushort F1 = 59;
    public const ushort NumLock = 69;
    public const ushort ScrollLock = 70;
    public const ushort Kp7 = 71;
    public const ushort Kp8 = 72;
    public const ushort Kp9 = 73;
    public const ushort KpMinus = 74;
    public const ushort Kp4 = 75;
    public const ushort Kp5 = 76;
    public const ushort Kp6 = 77;
    public const ushort KpPlus = 78;
    public const ushort Kp1 = 79;
    public const ushort Kp2 = 80;
    public const ushort Kp3 = 81;
    public const ushort Kp0 = 82;
    public const ushort KpDot = 83;
    public const ushort Key102nd = 86;
    public const ushort KpEnter = 96;
    public const ushort RightCtrl = 97;
    public const ushort KpSlash = 98;
    public const ushort RightAlt = 100;
    public const ushort LeftMeta = 125;
    public const ushort RightMeta = 126;

    /// <summary>Highest key code (<c>KEY_MAX</c>).</summary>
    public const ushort Max = 0x2ff;
}

/// <summary>Modifier keys held while a key is pressed.</summary>
[Flags]
public enum KeyModifiers
{
    None = 0,
    Shift = 1,

    /// <summary>Right Alt, which is AltGr on French and German layouts.</summary>
    AltGr = 2,
    Control = 4,
    Alt = 8,
    Meta = 16,
}
