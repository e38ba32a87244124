namespace StoreSales.Edge.Devices.Receipts;

/// <summary>One document read from the printer line and what the profile made of it.</summary>
public sealed record CapturedReceipt(ReceiptDocument Document, ReceiptParseResult Result);

/// <summary>
/// The receipt pipeline without the serial port: bytes in (<see cref="Feed"/>), ESC/POS stripped, split into
/// documents, decoded, parsed; each finished document out with its outcome. The adapter stores the outcomes;
/// tests feed it directly.
/// </summary>
public sealed class ReceiptCapture(CompiledReceiptProfile profile, string terminalId, TimeProvider time)
{
    private readonly ReceiptReader _reader = new(profile);
    private readonly ReceiptParser _parser = new(profile);
    private readonly List<ReceiptDocument> _documents = [];

    public string TerminalId => terminalId;

    public CompiledReceiptProfile Profile => profile;

    /// <summary>ESC/POS counts (commands, unknown commands, cuts).</summary>
    public EscPosStripper Stripper => _reader.Stripper;

    /// <summary>Bytes held for the document not yet ended.</summary>
    public int Pending => _reader.Pending;

    /// <summary>Feeds bytes read from the printer line; appends a <see cref="CapturedReceipt"/> for every document they end.</summary>
    public void Feed(ReadOnlySpan<byte> data, ICollection<CapturedReceipt> receipts)
    {
        _reader.Feed(data, _documents);
        ParseAll(receipts);
    }

    /// <summary>The port closed: a command it cut is forgotten; the receipt being printed stays open.</summary>
    public void Interrupt() => _reader.Interrupt();

    /// <summary>No more bytes will come (shutdown): the open document, if it has text, is parsed as it stands.</summary>
    public void Complete(ICollection<CapturedReceipt> receipts)
    {
        _reader.Complete(_documents);
        ParseAll(receipts);
    }

    private void ParseAll(ICollection<CapturedReceipt> receipts)
    {
        if (_documents.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var document in _documents)
        {
            receipts.Add(new CapturedReceipt(document, _parser.Parse(document, terminalId, now)));
        }

        _documents.Clear();
    }
}
