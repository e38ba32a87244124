namespace StoreSales.Edge.Devices.Receipts;

/// <summary>What the <see cref="EscPosStripper"/> hands on: printable bytes, line ends, cuts and text-mode changes.</summary>
public interface IEscPosOutput
{
    /// <summary>A printable byte (ASCII 0x20–0x7E, a tab, or any byte ≥ 0x80: part of a multi-byte character or a code-table glyph).</summary>
    void Text(byte value);

    /// <summary>A line ends: LF, FF, or a print-and-feed command (ESC d, ESC J, ESC e).</summary>
    void LineFeed();

    /// <summary>The paper was cut (GS V, ESC i, ESC m): the receipt ends.</summary>
    void Cut();

    /// <summary>ESC t n selected character code table <paramref name="table"/>; ESC @ selects table 0 again.</summary>
    void CodeTable(int table);

    /// <summary>FS &amp; (on) or FS . (off): the printer's Chinese (Kanji) double-byte character mode.</summary>
    void ChineseMode(bool on);
}

/// <summary>
/// Removes ESC/POS control sequences from a printer byte stream, keeping the printable bytes and the line
/// ends, and reporting paper cuts. Streaming: a command may be split across reads. Commands are skipped by
/// their documented lengths, including the length-prefixed data of raster images, graphics, bar codes and
/// 2D codes (which would otherwise print as garbage text). An unknown ESC, GS, FS or DLE command is counted
/// and only its command byte is skipped; a stray control byte is counted and dropped.
/// </summary>
/// <remarks>
/// Multi-byte text (UTF-8, GBK/GB18030, Big5, Shift-JIS) never uses bytes below 0x40 after its lead byte,
/// so stripping the command bytes (all below 0x20) before decoding cannot split a character.
/// </remarks>
public sealed class EscPosStripper(IEscPosOutput output)
{
    /// <summary>A data length above this is taken as corruption, not as an image to skip: the command counts as unknown.</summary>
    public const int MaxCommandDataBytes = 1 << 20;

    private const byte Esc = 0x1B;
    private const byte Gs = 0x1D;
    private const byte Fs = 0x1C;
    private const byte Dle = 0x10;

    private State _state = State.Text;
    private byte _prefix;
    private byte _command;
    private readonly byte[] _header = new byte[8];
    private int _headerLength;
    private int _headerNeeded;
    private long _skip;
    private State _afterSkip = State.Text;
    private int _untilNul;

    // ESC & y c1 c2 [x d1 … d(y×x)]×(c2−c1+1): the characters still to read.
    private int _userCharHeight;
    private int _userCharsLeft;

    private long _commands;
    private long _unknownCommands;
    private long _cuts;
    private long _skippedDataBytes;

    private enum State
    {
        Text,
        Command,       // read the byte after ESC / GS / FS / DLE
        Header,        // collect _headerNeeded parameter bytes, then act
        Skip,          // skip _skip data bytes
        SkipUntilNul,  // skip up to and including a NUL (at most _untilNul bytes)
        UserCharWidth, // ESC &: the width byte of the next character
    }

    /// <summary>Known commands read (each ESC/GS/FS/DLE sequence with its parameters).</summary>
    public long Commands => _commands;

    /// <summary>Unknown commands (only the command byte skipped) and stray control bytes dropped.</summary>
    public long UnknownCommands => _unknownCommands;

    /// <summary>Paper cuts seen.</summary>
    public long Cuts => _cuts;

    /// <summary>Bytes of images, graphics, bar codes and other command data skipped.</summary>
    public long SkippedDataBytes => _skippedDataBytes;

    /// <summary>True while the stripper is inside a command (a read ended mid-sequence).</summary>
    public bool InCommand => _state != State.Text;

    /// <summary>Feeds bytes read from the printer line.</summary>
    public void Feed(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            Push(b);
        }
    }

    /// <summary>Feeds one byte.</summary>
    public void Push(byte b)
    {
        switch (_state)
        {
            case State.Text:
                OnText(b);
                return;

            case State.Command:
                OnCommand(b);
                return;

            case State.Header:
                _header[_headerLength++] = b;
                if (_headerLength == _headerNeeded)
                {
                    OnHeader();
                }

                return;

            case State.Skip:
                _skippedDataBytes++;
                if (--_skip == 0)
                {
                    _state = _afterSkip;
                    _afterSkip = State.Text;
                }

                return;

            case State.SkipUntilNul:
                _skippedDataBytes++;
                if (b == 0 || --_untilNul == 0)
                {
                    _state = State.Text;
                }

                return;

            case State.UserCharWidth:
                // ESC &: this character's width x, then y × x bytes of dots; then the next character's width.
                _userCharsLeft--;
                _afterSkip = _userCharsLeft > 0 ? State.UserCharWidth : State.Text;
                _skip = (long)_userCharHeight * b;
                _state = _skip > 0 ? State.Skip : _afterSkip;
                return;
        }
    }

    /// <summary>Forgets a command cut by a disconnect: the next byte is read as text.</summary>
    public void Reset()
    {
        _state = State.Text;
        _headerLength = 0;
        _skip = 0;
        _afterSkip = State.Text;
        _userCharsLeft = 0;
    }

    private void OnText(byte b)
    {
        switch (b)
        {
            case (byte)'\n':
            case 0x0C: // FF: print (and, in page mode, return to standard mode)
                output.LineFeed();
                return;
            case (byte)'\r':
            case 0x00:
            case 0x18: // CAN: cancel page-mode data
                return;
            case (byte)'\t':
                output.Text(b);
                return;
            case Esc:
            case Gs:
            case Fs:
            case Dle:
                _prefix = b;
                _state = State.Command;
                return;
        }

        if (b < 0x20 || b == 0x7F)
        {
            _unknownCommands++;
            return;
        }

        output.Text(b);
    }

    private void OnCommand(byte c)
    {
        _command = c;
        _headerLength = 0;
        _state = State.Text;
        var known = _prefix switch
        {
            Esc => OnEsc(c),
            Gs => OnGs(c),
            Fs => OnFs(c),
            _ => OnDle(c),
        };

        if (!known)
        {
            _unknownCommands++;
            if (c < 0x20)
            {
                // A lone prefix followed by a control byte (LF, another ESC …): the prefix was the stray one.
                OnText(c);
            }
        }
    }

    private bool OnEsc(byte c)
    {
        switch (c)
        {
            case (byte)'@': // initialize
                _commands++;
                output.CodeTable(0);
                return true;
            case (byte)'i': // partial cut (legacy)
            case (byte)'m':
                _commands++;
                _cuts++;
                output.Cut();
                return true;
            case (byte)'2': // default line spacing
            case (byte)'<': // return home
            case (byte)'L': // page mode
            case (byte)'S': // standard mode
            case 0x0C:      // print data in page mode
            case (byte)'v': // transmit paper sensor status
                _commands++;
                return true;
            case (byte)'!': // print mode
            case (byte)'E': // emphasized
            case (byte)'-': // underline
            case (byte)'a': // justification
            case (byte)'t': // character code table
            case (byte)'d': // print and feed n lines
            case (byte)'J': // print and feed n dots
            case (byte)'e': // print and reverse feed n lines
            case (byte)'K': // print and reverse feed n dots
            case (byte)'3': // line spacing
            case (byte)' ': // right-side character spacing
            case (byte)'G': // double-strike
            case (byte)'M': // font
            case (byte)'R': // international character set
            case (byte)'V': // 90° rotation
            case (byte)'r': // colour
            case (byte)'{': // upside-down
            case (byte)'%': // user-defined character set on/off
            case (byte)'?': // cancel user-defined character
            case (byte)'U': // unidirectional printing
            case (byte)'T': // page-mode print direction
            case (byte)'u': // transmit peripheral status
            case (byte)'=': // select peripheral device
                return NeedHeader(1);
            case (byte)'$': // absolute position
            case (byte)'\\': // relative position
            case (byte)'c': // ESC c 3/4/5 n: paper sensors, panel buttons
                return NeedHeader(2);
            case (byte)'p': // drawer kick: m t1 t2
            case (byte)'*': // bit image: m nL nH d…
            case (byte)'&': // user-defined characters: y c1 c2 …
            case (byte)'(': // ESC ( fn pL pH …
                return NeedHeader(3);
            case (byte)'W': // page-mode print area
                return NeedHeader(8);
            case (byte)'D': // horizontal tab positions, NUL-terminated (at most 32)
                _commands++;
                _untilNul = 33;
                _state = State.SkipUntilNul;
                return true;
            default:
                return false;
        }
    }

    private bool OnGs(byte c)
    {
        switch (c)
        {
            case (byte)':': // start/end macro definition
            case (byte)'c': // print counter
                _commands++;
                return true;
            case (byte)'V': // cut: m, and n for m = 65, 66, 97, 98, 103, 104
            case (byte)'!': // character size
            case (byte)'B': // reverse (white on black)
            case (byte)'H': // HRI position
            case (byte)'f': // HRI font
            case (byte)'h': // bar code height
            case (byte)'w': // bar code width
            case (byte)'b': // smoothing
            case (byte)'a': // automatic status back
            case (byte)'r': // transmit status
            case (byte)'I': // transmit printer ID
            case (byte)'T': // set print position to the beginning of the line
            case (byte)'/': // print downloaded bit image
            case (byte)'E': // head control
            case (byte)'k': // bar code: m …
                return NeedHeader(1);
            case (byte)'L': // left margin
            case (byte)'W': // print area width
            case (byte)'P': // motion units
            case (byte)'$': // page-mode absolute vertical position
            case (byte)'\\': // page-mode relative vertical position
            case (byte)'*': // define downloaded bit image: x y d…
                return NeedHeader(2);
            case (byte)'^': // execute macro: r t m
            case (byte)'(': // GS ( fn pL pH …
                return NeedHeader(3);
            case (byte)'g': // maintenance counters: GS g 0 m nL nH / GS g 2 m nL nH
                return NeedHeader(4);
            case (byte)'8': // GS 8 L p1 p2 p3 p4 …: large graphics, 32-bit length
                return NeedHeader(5);
            case (byte)'v': // GS v 0 m xL xH yL yH d…: raster image
                return NeedHeader(6);
            default:
                return false;
        }
    }

    private bool OnFs(byte c)
    {
        switch (c)
        {
            case (byte)'&':
                _commands++;
                output.ChineseMode(true);
                return true;
            case (byte)'.':
                _commands++;
                output.ChineseMode(false);
                return true;
            case (byte)'!': // Kanji print mode
            case (byte)'-': // Kanji underline
            case (byte)'C': // Kanji code system
            case (byte)'W': // Kanji quadruple size
                return NeedHeader(1);
            case (byte)'S': // Kanji spacing
            case (byte)'?': // cancel user-defined Kanji
            case (byte)'p': // print NV bit image
                return NeedHeader(2);
            case (byte)'(': // FS ( fn pL pH …
                return NeedHeader(3);
            case (byte)'2': // define user Kanji: c1 c2 + 72 bytes (24 × 24 dots)
                _commands++;
                _skip = 74;
                _state = State.Skip;
                return true;
            default:
                return false;
        }
    }

    private bool OnDle(byte c)
    {
        switch (c)
        {
            case 0x04: // DLE EOT n [a]: real-time status
            case 0x05: // DLE ENQ n: real-time request
            case 0x14: // DLE DC4 fn …: real-time commands (drawer pulse, buffer clear …)
                return NeedHeader(1);
            default:
                return false;
        }
    }

    private bool NeedHeader(int count)
    {
        _headerNeeded = count;
        _headerLength = 0;
        _state = State.Header;
        return true;
    }

    /// <summary>All parameter bytes of <c>_prefix _command</c> are in <c>_header</c>.</summary>
    private void OnHeader()
    {
        _state = State.Text;
        var h = _header;
        switch (_prefix, _command)
        {
            case (Esc, (byte)'t'):
                _commands++;
                output.CodeTable(h[0]);
                return;
            case (Esc, (byte)'d'):
            case (Esc, (byte)'J'):
            case (Esc, (byte)'e'):
                _commands++;
                output.LineFeed();
                return;
            case (Esc, (byte)'*'):
                // m = 0, 1: 8-dot single column bytes; 32, 33: 24-dot, three bytes per column.
                var columns = h[1] + (h[2] << 8);
                SkipData(h[0] is 32 or 33 ? 3L * columns : columns);
                return;
            case (Esc, (byte)'&'):
                _commands++;
                _userCharHeight = h[0];
                _userCharsLeft = h[2] >= h[1] ? h[2] - h[1] + 1 : 0;
                _state = _userCharsLeft > 0 ? State.UserCharWidth : State.Text;
                return;
            case (Esc, (byte)'('):
            case (Gs, (byte)'('):
            case (Fs, (byte)'('):
                SkipData(h[1] + (h[2] << 8));
                return;

            case (Gs, (byte)'V'):
                if (h[0] is 65 or 66 or 97 or 98 or 103 or 104 && _headerNeeded == 1)
                {
                    NeedHeader(2); // one more byte: the feed before the cut
                    _headerLength = 1;
                    return;
                }

                _commands++;
                _cuts++;
                output.Cut();
                return;
            case (Gs, (byte)'k'):
                if (h[0] <= 6)
                {
                    // Function A: data up to a NUL.
                    _commands++;
                    _untilNul = 256;
                    _state = State.SkipUntilNul;
                }
                else if (_headerNeeded == 1)
                {
                    NeedHeader(2); // function B: m n d1 … dn
                    _headerLength = 1;
                }
                else
                {
                    SkipData(h[1]);
                }

                return;
            case (Gs, (byte)'*'):
                SkipData(h[0] * h[1] * 8L);
                return;
            case (Gs, (byte)'v'):
                // GS v 0 m xL xH yL yH: (xL + xH×256) bytes per row × (yL + yH×256) rows.
                SkipData((h[2] + (h[3] << 8)) * (long)(h[4] + (h[5] << 8)));
                return;
            case (Gs, (byte)'8'):
                // GS 8 L p1 p2 p3 p4: a 32-bit length of what follows.
                SkipData(h[1] + ((long)h[2] << 8) + ((long)h[3] << 16) + ((long)h[4] << 24));
                return;

            case (Dle, 0x04):
                if (h[0] is 7 or 8 && _headerNeeded == 1)
                {
                    NeedHeader(2); // DLE EOT 7 a / DLE EOT 8 a
                    _headerLength = 1;
                    return;
                }

                _commands++;
                return;
            case (Dle, 0x14):
                // DLE DC4 fn …: fn 1 m t, fn 2 a b, fn 3 a n r t1 t2, fn 7 m, fn 8 d1 … d7.
                if (_headerNeeded == 1)
                {
                    var rest = h[0] switch { 1 or 2 => 2, 3 => 5, 7 => 1, 8 => 7, _ => 0 };
                    if (rest > 0)
                    {
                        NeedHeader(1 + rest);
                        _headerLength = 1;
                        return;
                    }
                }

                _commands++;
                return;

            default:
                _commands++;
                return;
        }
    }

    /// <param name="length">Data bytes that follow the header.</param>
    private void SkipData(long length)
    {
        if (length < 0 || length > MaxCommandDataBytes)
        {
            // Corruption, or an image far larger than any receipt logo: skipping it could swallow many receipts.
            _unknownCommands++;
            return;
        }

        _commands++;
        if (length > 0)
        {
            _skip = length;
            _state = State.Skip;
        }
    }
}
