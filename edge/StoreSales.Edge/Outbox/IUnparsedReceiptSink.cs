namespace StoreSales.Edge.Outbox;

/// <summary>
/// A printed receipt the agent could not read as a sale, kept whole: the bytes as the POS sent them and the
/// text the agent made of them, with the reason. Nothing printed is dropped; once the profile is fixed the
/// receipt can be read again from <see cref="Raw"/>.
/// </summary>
public sealed record UnparsedReceipt(string TerminalId, DateTimeOffset CapturedAt, string Reason, byte[] Raw, string Text);

/// <summary>A kept <see cref="UnparsedReceipt"/> with its row id.</summary>
public sealed record StoredUnparsedReceipt(long Id, UnparsedReceipt Receipt);

/// <summary>Where receipt capture keeps receipts it cannot parse. Returns only once the receipt is durable locally.</summary>
public interface IUnparsedReceiptSink
{
    /// <summary>Stores <paramref name="receipt"/>; returns its id.</summary>
    long KeepUnparsed(UnparsedReceipt receipt);
}
