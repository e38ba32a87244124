using System.Text;
using StoreSales.Edge.Devices.Receipts;

namespace StoreSales.Edge.Tests.Receipts;

/// <summary>Builds ESC/POS byte streams the way a POS program sends them to its receipt printer.</summary>
public sealed class EscPos
{
    private readonly List<byte> _bytes = [];
    private Encoding _encoding;

    public EscPos(Encoding? encoding = null)
    {
        _encoding = encoding ?? Encoding.UTF8;
    }

    public static Encoding Gb18030 => ReceiptEncodings.Get("gb18030");

    public EscPos Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public EscPos Text(string text)
    {
        _bytes.AddRange(_encoding.GetBytes(text));
        return this;
    }

    public EscPos Line(string text) => Text(text).Raw(0x0A);

    public EscPos Lines(params string[] lines)
    {
        foreach (var line in lines)
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Text from here on is encoded with <paramref name="encoding"/> (what the printer's code table must match).</summary>
    public EscPos Using(Encoding encoding)
    {
        _encoding = encoding;
        return this;
    }

    public EscPos Init() => Raw(0x1B, (byte)'@');

    public EscPos Align(byte n) => Raw(0x1B, (byte)'a', n);

    public EscPos Bold(bool on) => Raw(0x1B, (byte)'E', on ? (byte)1 : (byte)0);

    public EscPos Size(byte n) => Raw(0x1D, (byte)'!', n);

    public EscPos CodeTable(byte n) => Raw(0x1B, (byte)'t', n);

    public EscPos ChineseOn() => Raw(0x1C, (byte)'&');

    public EscPos ChineseOff() => Raw(0x1C, (byte)'.');

    public EscPos Feed(byte lines) => Raw(0x1B, (byte)'d', lines);

    /// <summary>GS V 66 n: feed and partial cut.</summary>
    public EscPos Cut() => Raw(0x1D, (byte)'V', 66, 0);

    /// <summary>GS V 1: partial cut, no feed parameter.</summary>
    public EscPos CutShort() => Raw(0x1D, (byte)'V', 1);

    public EscPos DrawerKick() => Raw(0x1B, (byte)'p', 0, 25, 250);

    /// <summary>DLE EOT 1: real-time printer status request.</summary>
    public EscPos StatusQuery() => Raw(0x10, 0x04, 1);

    /// <summary>GS v 0: a raster image whose data is <paramref name="data"/> (any bytes, LF and ESC included).</summary>
    public EscPos Raster(int widthBytes, int height, Func<int, byte> data)
    {
        Raw(0x1D, (byte)'v', (byte)'0', 0, (byte)(widthBytes & 0xFF), (byte)(widthBytes >> 8), (byte)(height & 0xFF), (byte)(height >> 8));
        for (var i = 0; i < widthBytes * height; i++)
        {
            _bytes.Add(data(i));
        }

        return this;
    }

    /// <summary>GS ( k: a QR code holding <paramref name="content"/> (store, then print).</summary>
    public EscPos QrCode(string content)
    {
        var data = Encoding.ASCII.GetBytes(content);
        var length = data.Length + 3;
        Raw(0x1D, (byte)'(', (byte)'k', (byte)(length & 0xFF), (byte)(length >> 8), 49, 80, 48);
        Raw(data);
        return Raw(0x1D, (byte)'(', (byte)'k', 3, 0, 49, 81, 48);
    }

    /// <summary>GS k 73 n: a CODE128 bar code.</summary>
    public EscPos Code128(string content)
    {
        var data = Encoding.ASCII.GetBytes("{B" + content);
        return Raw(0x1D, (byte)'k', 73, (byte)data.Length).Raw(data);
    }

    public byte[] ToArray() => [.. _bytes];
}
