using System.Globalization;

namespace StoreSales.Edge.Outbox;

/// <summary>Printed receipts receipt capture could not read as sales (table <c>unparsed_receipts</c>), kept raw bytes and all.</summary>
public sealed class UnparsedReceipts(OutboxDatabase database) : IUnparsedReceiptSink
{
    /// <summary>Receipts kept.</summary>
    public long Count => database.Locked(() => Convert.ToInt64(database.Scalar("SELECT COUNT(*) FROM unparsed_receipts;"), CultureInfo.InvariantCulture));

    /// <summary>Keeps a printed receipt that could not be parsed. Returns its id.</summary>
    public long KeepUnparsed(UnparsedReceipt receipt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt.TerminalId, nameof(receipt));
        return database.Locked(() =>
        {
            using var insert = database.Command(
                """
                INSERT INTO unparsed_receipts (terminal_id, captured_at, reason, raw, text) VALUES ($terminal, $at, $reason, $raw, $text)
                RETURNING id;
                """);
            insert.Parameters.AddWithValue("$terminal", receipt.TerminalId);
            insert.Parameters.AddWithValue("$at", OutboxDatabase.FormatTime(receipt.CapturedAt));
            insert.Parameters.AddWithValue("$reason", receipt.Reason);
            insert.Parameters.AddWithValue("$raw", receipt.Raw);
            insert.Parameters.AddWithValue("$text", receipt.Text);
            return Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The kept receipts, oldest first.</summary>
    public IReadOnlyList<StoredUnparsedReceipt> Read(int max = 1000) => database.Locked(() =>
    {
        using var cmd = database.Command("SELECT id, terminal_id, captured_at, reason, raw, text FROM unparsed_receipts ORDER BY id LIMIT $max;");
        cmd.Parameters.AddWithValue("$max", max);
        using var reader = cmd.ExecuteReader();
        var receipts = new List<StoredUnparsedReceipt>();
        while (reader.Read())
        {
            receipts.Add(new StoredUnparsedReceipt(
                reader.GetInt64(0),
                new UnparsedReceipt(reader.GetString(1), OutboxDatabase.ParseTime(reader.GetString(2)), reader.GetString(3), (byte[])reader.GetValue(4), reader.GetString(5))));
        }

        return (IReadOnlyList<StoredUnparsedReceipt>)receipts;
    });
}
