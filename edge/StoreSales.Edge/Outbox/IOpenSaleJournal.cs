namespace StoreSales.Edge.Outbox;

/// <summary>
/// The lines of each terminal's sale in progress, on disk as they arrive. A serial till does not resend: if the
/// agent dies mid-sale, the lines it already read are replayed from here on restart, and the sale completes when
/// its last line comes. Completing the sale (appending it to the outbox) clears its lines in the same transaction.
/// </summary>
public interface IOpenSaleJournal
{
    void Record(string terminalId, string line);

    void Clear(string terminalId);

    IReadOnlyList<string> Read(string terminalId);
}
