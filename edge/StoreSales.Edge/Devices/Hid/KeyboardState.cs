namespace StoreSales.Edge.Devices.Hid;

/// <summary>What one <c>EV_KEY</c> event means for text.</summary>
public enum KeyPressKind
{
    /// <summary>A release, a modifier or a lock key: nothing typed.</summary>
    None,

    /// <summary>A key that typed <see cref="KeyPress.Character"/>.</summary>
    Character,

    /// <summary>Enter or keypad Enter.</summary>
    Enter,

    /// <summary>A key that types nothing on the layout (arrows, F-keys, dead keys, Ctrl combinations …).</summary>
    Unmapped,
}

/// <summary>A press or autorepeat of a key, translated.</summary>
public readonly record struct KeyPress(KeyPressKind Kind, char Character, bool Repeat);

/// <summary>
/// The modifier keys held right now (left and right Shift, Ctrl, Alt/AltGr, Meta, tracked per key from their
/// press and release events) and the layout that turns the other keys into characters.
/// </summary>
public sealed class KeyboardState(KeyboardLayout layout)
{
    private int _held;

    public KeyboardLayout Layout { get; } = layout;

    public KeyModifiers Modifiers
    {
        get
        {
            var modifiers = KeyModifiers.None;
            if ((_held & (Bit(LinuxKeys.LeftShift) | Bit(LinuxKeys.RightShift))) != 0)
            {
                modifiers |= KeyModifiers.Shift;
            }

            if ((_held & Bit(LinuxKeys.RightAlt)) != 0)
            {
                modifiers |= KeyModifiers.AltGr;
            }

            if ((_held & Bit(LinuxKeys.LeftAlt)) != 0)
            {
                modifiers |= KeyModifiers.Alt;
            }

            if ((_held & (Bit(LinuxKeys.LeftCtrl) | Bit(LinuxKeys.RightCtrl))) != 0)
            {
                modifiers |= KeyModifiers.Control;
            }

            if ((_held & (Bit(LinuxKeys.LeftMeta) | Bit(LinuxKeys.RightMeta))) != 0)
            {
                modifiers |= KeyModifiers.Meta;
            }

            return modifiers;
        }
    }

    /// <summary>Applies an <c>EV_KEY</c> event (value 0 release, 1 press, 2 autorepeat).</summary>
    public KeyPress Apply(ushort code, int value)
    {
        var bit = Bit(code);
        if (bit != 0)
        {
            _held = value == EventTypes.KeyRelease ? _held & ~bit : _held | bit;
            return default;
        }

        if (value == EventTypes.KeyRelease || code is LinuxKeys.CapsLock or LinuxKeys.NumLock or LinuxKeys.ScrollLock)
        {
            return default;
        }

        var repeat = value == EventTypes.KeyRepeat;
        if (code is LinuxKeys.Enter or LinuxKeys.KpEnter)
        {
            return new KeyPress(KeyPressKind.Enter, '\0', repeat);
        }

        return Layout.TryMap(code, Modifiers, out var character)
            ? new KeyPress(KeyPressKind.Character, character, repeat)
            : new KeyPress(KeyPressKind.Unmapped, '\0', repeat);
    }

    /// <summary>Forgets held modifiers (device reopened, events dropped).</summary>
    public void Reset() => _held = 0;

    private static int Bit(ushort code) => code switch
    {
        LinuxKeys.LeftShift => 1 << 0,
        LinuxKeys.RightShift => 1 << 1,
        LinuxKeys.LeftCtrl => 1 << 2,
        LinuxKeys.RightCtrl => 1 << 3,
        LinuxKeys.LeftAlt => 1 << 4,
        LinuxKeys.RightAlt => 1 << 5,
        LinuxKeys.LeftMeta => 1 << 6,
        LinuxKeys.RightMeta => 1 << 7,
        _ => 0,
    };
}
