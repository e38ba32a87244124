using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>
/// What character a key position (<see cref="LinuxKeys"/>) types on a keyboard layout, with or without Shift or
/// AltGr. evdev reports positions, not characters, so the layout must be the one the scanner is set to emulate
/// (normally the POS's own layout). The classic trap: on French AZERTY the digits are on the <em>shifted</em>
/// number row; unshifted, <c>KEY_1</c> … <c>KEY_0</c> type <c>&amp;é"'(-è_çà</c>.
/// Dead keys (AZERTY ^ ¨, QWERTZ ´ ` ^) and Ctrl/Alt/Meta combinations type nothing here.
/// Keypad keys type their digit or sign on every layout (NumLock on, as scanners assume).
/// </summary>
public sealed class KeyboardLayout
{
    private const int TableSize = 128;

    private readonly char[] _plain = new char[TableSize];
    private readonly char[] _shifted = new char[TableSize];
    private readonly char[] _altGr = new char[TableSize];
    private readonly FrozenDictionary<char, (ushort Code, KeyModifiers Modifiers)> _reverse;

    private KeyboardLayout(string name, string description, Action<KeyboardLayout> define)
    {
        Name = name;
        Description = description;
        define(this);
        var reverse = new Dictionary<char, (ushort, KeyModifiers)>();
        for (var code = TableSize - 1; code >= 0; code--)
        {
            // Walk down so the main block wins over the keypad for characters on both.
            AddReverse(reverse, _altGr[code], (ushort)code, KeyModifiers.AltGr);
            AddReverse(reverse, _shifted[code], (ushort)code, KeyModifiers.Shift);
            AddReverse(reverse, _plain[code], (ushort)code, KeyModifiers.None);
        }

        _reverse = reverse.ToFrozenDictionary();
    }

    /// <summary>US English QWERTY, the default.</summary>
    public static KeyboardLayout Us { get; } = new("us", "US QWERTY", DefineUs);

    /// <summary>French AZERTY (digits need Shift).</summary>
    public static KeyboardLayout French { get; } = new("fr", "French AZERTY", DefineFrench);

    /// <summary>German QWERTZ (Y and Z swapped, ß ü ö ä).</summary>
    public static KeyboardLayout German { get; } = new("de", "German QWERTZ", DefineGerman);

    public static IReadOnlyList<KeyboardLayout> All { get; } = [Us, French, German];

    /// <summary>The configuration names: <c>us</c>, <c>fr</c>, <c>de</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(l => l.Name)];

    public string Name { get; }

    public string Description { get; }

    /// <summary>A layout by its configuration name, case-insensitive; empty means <c>us</c>.</summary>
    public static bool TryGet(string? name, [MaybeNullWhen(false)] out KeyboardLayout layout)
    {
        var wanted = string.IsNullOrWhiteSpace(name) ? Us.Name : name.Trim();
        layout = All.FirstOrDefault(l => string.Equals(l.Name, wanted, StringComparison.OrdinalIgnoreCase));
        return layout is not null;
    }

    /// <summary>The character <paramref name="code"/> types with <paramref name="modifiers"/> held; false when it types none.</summary>
    public bool TryMap(ushort code, KeyModifiers modifiers, out char character)
    {
        character = '\0';
        if (code >= TableSize || (modifiers & (KeyModifiers.Control | KeyModifiers.Alt | KeyModifiers.Meta)) != 0)
        {
            return false;
        }

        var table = modifiers switch
        {
            KeyModifiers.None => _plain,
            KeyModifiers.Shift => IsKeypad(code) ? _plain : _shifted,
            KeyModifiers.AltGr => _altGr,
            _ => null, // Shift+AltGr: third-level shifted symbols are not mapped.
        };
        character = table?[code] ?? '\0';
        return character != '\0';
    }

    /// <summary>The key and modifiers that type <paramref name="character"/> on this layout.</summary>
    public bool TryFind(char character, out ushort code, out KeyModifiers modifiers)
    {
        var found = _reverse.TryGetValue(character, out var key);
        (code, modifiers) = key;
        return found;
    }

    /// <summary>
    /// What <paramref name="text"/>, decoded with this layout, would read as had it been decoded with
    /// <paramref name="other"/>: the keys are the same, the characters are not. Null when a character cannot be
    /// retyped. Used to tell a layout mismatch between scanner and configuration.
    /// </summary>
    public string? Reread(string text, KeyboardLayout other)
    {
        var result = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (!TryFind(text[i], out var code, out var modifiers) || !other.TryMap(code, modifiers, out result[i]))
            {
                return null;
            }
        }

        return new string(result);
    }

    public override string ToString() => Name;

    private static bool IsKeypad(ushort code) => code is LinuxKeys.KpAsterisk or (>= LinuxKeys.Kp7 and <= LinuxKeys.KpDot) or LinuxKeys.KpSlash;

    private static void AddReverse(Dictionary<char, (ushort, KeyModifiers)> reverse, char character, ushort code, KeyModifiers modifiers)
    {
        if (character != '\0')
        {
            reverse[character] = (code, modifiers);
        }
    }

    /// <summary>Consecutive key codes from <paramref name="first"/> typing <paramref name="plain"/> / <paramref name="shifted"/>; '\0' = nothing.</summary>
    private void Row(ushort first, string plain, string shifted)
    {
        for (var i = 0; i < plain.Length; i++)
        {
            _plain[first + i] = plain[i];
            _shifted[first + i] = shifted[i];
        }
    }

    private void Key(ushort code, char plain, char shifted, char altGr = '\0')
    {
        _plain[code] = plain;
        _shifted[code] = shifted;
        _altGr[code] = altGr;
    }

    private void AltGr(ushort code, char character) => _altGr[code] = character;

    private void CommonKeys(char keypadDecimal)
    {
        Key(LinuxKeys.Space, ' ', ' ');
        Key(LinuxKeys.Tab, '\t', '\t');
        Key(LinuxKeys.Kp7, '7', '\0');
        Key(LinuxKeys.Kp8, '8', '\0');
        Key(LinuxKeys.Kp9, '9', '\0');
        Key(LinuxKeys.KpMinus, '-', '\0');
        Key(LinuxKeys.Kp4, '4', '\0');
        Key(LinuxKeys.Kp5, '5', '\0');
        Key(LinuxKeys.Kp6, '6', '\0');
        Key(LinuxKeys.KpPlus, '+', '\0');
        Key(LinuxKeys.Kp1, '1', '\0');
        Key(LinuxKeys.Kp2, '2', '\0');
        Key(LinuxKeys.Kp3, '3', '\0');
        Key(LinuxKeys.Kp0, '0', '\0');
        Key(LinuxKeys.KpDot, keypadDecimal, '\0');
        Key(LinuxKeys.KpAsterisk, '*', '\0');
        Key(LinuxKeys.KpSlash, '/', '\0');
    }

    private static void DefineUs(KeyboardLayout l)
    {
        l.Row(LinuxKeys.D1, "1234567890-=", "!@#$%^&*()_+");
        l.Row(LinuxKeys.Q, "qwertyuiop[]", "QWERTYUIOP{}");
        l.Row(LinuxKeys.A, "asdfghjkl;'`", "ASDFGHJKL:\"~");
        l.Key(LinuxKeys.Backslash, '\\', '|');
        l.Row(LinuxKeys.Z, "zxcvbnm,./", "ZXCVBNM<>?");
        l.CommonKeys('.');
    }

    private static void DefineFrench(KeyboardLayout l)
    {
        l.Row(LinuxKeys.D1, "&é\"'(-è_çà)=", "1234567890°+");
        l.Row(LinuxKeys.Q, "azertyuiop\0$", "AZERTYUIOP\0£"); // KEY_LEFTBRACE is the dead ^ / ¨
        l.Row(LinuxKeys.A, "qsdfghjklmù²", "QSDFGHJKLM%\0");
        l.Key(LinuxKeys.Backslash, '*', 'µ');
        l.Row(LinuxKeys.Z, "wxcvbn,;:!", "WXCVBN?./§");
        l.Key(LinuxKeys.Key102nd, '<', '>');
        l.AltGr(LinuxKeys.D2, '~');
        l.AltGr(LinuxKeys.D3, '#');
        l.AltGr(LinuxKeys.D4, '{');
        l.AltGr(LinuxKeys.D5, '[');
        l.AltGr(LinuxKeys.D6, '|');
        l.AltGr(LinuxKeys.D7, '`');
        l.AltGr(LinuxKeys.D8, '\\');
        l.AltGr(LinuxKeys.D9, '^');
        l.AltGr(LinuxKeys.D0, '@');
        l.AltGr(LinuxKeys.Minus, ']');
        l.AltGr(LinuxKeys.EqualSign, '}');
        l.AltGr(LinuxKeys.E, '€');
        l.AltGr(LinuxKeys.RightBrace, '¤');
        l.CommonKeys('.');
    }

    private static void DefineGerman(KeyboardLayout l)
    {
        l.Row(LinuxKeys.D1, "1234567890ß\0", "!\"§$%&/()=?\0"); // KEY_EQUAL is the dead ´ / `
        l.Row(LinuxKeys.Q, "qwertzuiopü+", "QWERTZUIOPÜ*");
        l.Row(LinuxKeys.A, "asdfghjklöä\0", "ASDFGHJKLÖÄ°"); // KEY_GRAVE is the dead ^
        l.Key(LinuxKeys.Backslash, '#', '\'');
        l.Row(LinuxKeys.Z, "yxcvbnm,.-", "YXCVBNM;:_");
        l.Key(LinuxKeys.Key102nd, '<', '>', '|');
        l.AltGr(LinuxKeys.D2, '²');
        l.AltGr(LinuxKeys.D3, '³');
        l.AltGr(LinuxKeys.D7, '{');
        l.AltGr(LinuxKeys.D8, '[');
        l.AltGr(LinuxKeys.D9, ']');
        l.AltGr(LinuxKeys.D0, '}');
        l.AltGr(LinuxKeys.Minus, '\\');
        l.AltGr(LinuxKeys.Q, '@');
        l.AltGr(LinuxKeys.E, '€');
        l.AltGr(LinuxKeys.RightBrace, '~');
        l.AltGr(LinuxKeys.M, 'µ');
        l.CommonKeys(',');
    }
}
