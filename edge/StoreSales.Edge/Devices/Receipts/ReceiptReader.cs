using System.Text;

namespace StoreSales.Edge.Devices.Receipts;

/// <summary>Why a document ended.</summary>
public enum ReceiptEnd
{
    /// <summary>The paper was cut.</summary>
    Cut,

    /// <summary>A line matched the profile's end marker.</summary>
    EndMarker,

    /// <summary>A line matched the profile's start marker: the text before it ended here.</summary>
    NextStart,

    /// <summary>Longer than <see cref="ReceiptReader.MaxDocumentBytes"/> without an end.</summary>
    Overlong,

    /// <summary>The stream ended (the agent stopped) with the document open.</summary>
    EndOfStream,
}

/// <summary>
/// What the printer printed between two receipt boundaries: the raw bytes as the POS sent them, and the text
/// lines after ESC/POS stripping and decoding. <see cref="InReceipt"/> is false for text the profile's start
/// marker says is outside any receipt (a shift report, a test page).
/// </summary>
public sealed record ReceiptDocument(byte[] Raw, IReadOnlyList<string> Lines, ReceiptEnd End, bool InReceipt, int UndecodableCharacters)
{
    /// <summary>The decoded text, lines joined by LF.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>True when nothing but blanks was printed (a drawer kick and a cut).</summary>
    public bool IsBlank => Lines.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Cuts a receipt printer's byte stream into documents: ESC/POS stripped (<see cref="EscPosStripper"/>), each
/// line decoded with the encoding in force when it was printed (the profile's, or an ESC t code table's), and
/// receipts ended by a paper cut or the profile's end marker, or started by its start marker. Keeps the raw
/// bytes of each document so an unparsable receipt can be stored whole.
/// </summary>
public sealed class ReceiptReader : IEscPosOutput
{
    /// <summary>Largest document kept in memory: one that grows past it without an end is closed as <see cref="ReceiptEnd.Overlong"/>.</summary>
    public const int MaxDocumentBytes = 1 << 20;

    /// <summary>Longest line: a longer one is broken here.</summary>
    public const int MaxLineBytes = 4096;

    private readonly CompiledReceiptProfile _profile;
    private readonly EscPosStripper _stripper;
    private readonly List<ReceiptDocument> _completed = [];

    private byte[] _raw = new byte[4096];
    private int _rawLength;
    private int _lineRawStart;

    private readonly byte[] _line = new byte[MaxLineBytes];
    private int _lineLength;
    private readonly List<(int Start, Encoding Encoding)> _runs = [];

    private readonly List<string> _lines = [];
    private int _undecodable;
    private bool _inReceipt;
    private bool _documentInReceipt;
    private bool _documentOpen;

    private int _codeTable;
    private bool _chineseMode;
    private Encoding _encoding;

    public ReceiptReader(CompiledReceiptProfile profile)
    {
        _profile = profile;
        _stripper = new EscPosStripper(this);
        _inReceipt = profile.StartMarker is null;
        _encoding = profile.Encoding;
    }

    /// <summary>The ESC/POS counts: commands, unknown commands, cuts, skipped image bytes.</summary>
    public EscPosStripper Stripper => _stripper;

    /// <summary>Bytes held for the document not yet ended.</summary>
    public int Pending => _rawLength;

    /// <summary>Feeds bytes read from the printer line; appends every document they complete.</summary>
    public void Feed(ReadOnlySpan<byte> data, ICollection<ReceiptDocument> documents)
    {
        foreach (var b in data)
        {
            if (_rawLength == _raw.Length)
            {
                Array.Resize(ref _raw, Math.Min(_raw.Length * 2, MaxDocumentBytes));
            }

            _raw[_rawLength++] = b;
            _stripper.Push(b);
            if (_rawLength >= MaxDocumentBytes)
            {
                FlushLine();
                Close(ReceiptEnd.Overlong, _rawLength);
            }
        }

        Drain(documents);
    }

    /// <summary>The port closed: a command it cut is forgotten; the open document stays open (the POS may go on).</summary>
    public void Interrupt() => _stripper.Reset();

    /// <summary>Ends the stream: an open document with any text is closed as <see cref="ReceiptEnd.EndOfStream"/>.</summary>
    public void Complete(ICollection<ReceiptDocument> documents)
    {
        _stripper.Reset();
        FlushLine();
        Close(ReceiptEnd.EndOfStream, _rawLength);
        Drain(documents);
    }

    void IEscPosOutput.Text(byte value)
    {
        if (_lineLength == MaxLineBytes)
        {
            EndLine();
        }

        if (_runs.Count == 0 || _runs[^1].Encoding != _encoding)
        {
            _runs.Add((_lineLength, _encoding));
        }

        _line[_lineLength++] = value;
    }

    void IEscPosOutput.LineFeed() => EndLine();

    void IEscPosOutput.Cut()
    {
        FlushLine();
        Close(ReceiptEnd.Cut, _rawLength);
        _inReceipt = _profile.StartMarker is null;
    }

    void IEscPosOutput.CodeTable(int table)
    {
        _codeTable = table;
        _encoding = _profile.EncodingFor(_codeTable, _chineseMode);
    }

    void IEscPosOutput.ChineseMode(bool on)
    {
        _chineseMode = on;
        _encoding = _profile.EncodingFor(_codeTable, _chineseMode);
    }

    /// <summary>Ends a line with text not yet ended by a line feed (at a cut, the end of the stream).</summary>
    private void FlushLine()
    {
        if (_lineLength > 0)
        {
            EndLine();
        }
    }

    private void EndLine()
    {
        var text = Decode();
        _lineLength = 0;
        _runs.Clear();
        var lineRawStart = _lineRawStart;
        _lineRawStart = _rawLength;
        if (text is null)
        {
            return;
        }

        if (_profile.StartMarker is { } start && start.IsMatch(text))
        {
            // The text before this line is another document (a receipt without its end, or text outside any).
            Close(ReceiptEnd.NextStart, lineRawStart);
            _inReceipt = true;
        }

        if (!_documentOpen)
        {
            _documentOpen = true;
            _documentInReceipt = _inReceipt;
        }

        _lines.Add(text);
        if (_documentInReceipt && _profile.EndMarker is { } end && end.IsMatch(text))
        {
            Close(ReceiptEnd.EndMarker, _rawLength);
            _inReceipt = _profile.StartMarker is null;
        }
    }

    /// <summary>The current line's text, blanks at its end removed; null for a blank line before any text of the document.</summary>
    private string? Decode()
    {
        if (_lineLength == 0)
        {
            return _documentOpen ? "" : null;
        }

        var builder = new StringBuilder(_lineLength);
        for (var i = 0; i < _runs.Count; i++)
        {
            var (start, encoding) = _runs[i];
            var end = i + 1 < _runs.Count ? _runs[i + 1].Start : _lineLength;
            builder.Append(encoding.GetString(_line, start, end - start));
        }

        var undecodable = 0;
        for (var i = 0; i < builder.Length; i++)
        {
            if (builder[i] == ReceiptEncodings.Replacement)
            {
                undecodable++;
            }
        }

        var text = builder.ToString().TrimEnd();
        if (text.Length == 0 && !_documentOpen)
        {
            return null;
        }

        _undecodable += undecodable;
        return text;
    }

    /// <summary>
    /// Ends the open document with the raw bytes before <paramref name="rawEnd"/>; the bytes after it start the next.
    /// Without an open document, raw bytes before a cut or the end of the stream (a drawer kick, feeds) are
    /// dropped, and before a start marker they go with the receipt that starts.
    /// </summary>
    private void Close(ReceiptEnd end, int rawEnd)
    {
        var emit = _documentOpen || (end == ReceiptEnd.Overlong && rawEnd > 0);
        if (emit)
        {
            var inReceipt = _documentOpen ? _documentInReceipt : _inReceipt;
            _completed.Add(new ReceiptDocument(_raw.AsSpan(0, rawEnd).ToArray(), [.. _lines], end, inReceipt, _undecodable));
        }

        if (emit || end is ReceiptEnd.Cut or ReceiptEnd.EndOfStream)
        {
            var rest = _rawLength - rawEnd;
            Array.Copy(_raw, rawEnd, _raw, 0, rest);
            _rawLength = rest;
            _lineRawStart = Math.Max(0, _lineRawStart - rawEnd);
        }

        if (_raw.Length > 64 * 1024 && _rawLength <= 4096)
        {
            // After an image-heavy or overlong document: give the memory back.
            var smaller = new byte[4096];
            Array.Copy(_raw, smaller, _rawLength);
            _raw = smaller;
        }

        _lines.Clear();
        _undecodable = 0;
        _documentOpen = false;
    }

    private void Drain(ICollection<ReceiptDocument> documents)
    {
        foreach (var document in _completed)
        {
            documents.Add(document);
        }

        _completed.Clear();
    }
}
