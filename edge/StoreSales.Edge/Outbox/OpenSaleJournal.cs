namespace StoreSales.Edge.Outbox;

/// <summary>
/// The lines of each terminal's sale in progress (table <c>open_sale_lines</c>), so a sale rung up across an agent
/// restart is resumed, not lost. <see cref="SaleQueue.Append"/> clears a terminal's lines in the transaction that
/// stores its sale.
/// </summary>
public sealed class OpenSaleJournal(OutboxDatabase database) : IOpenSaleJournal
{
    /// <inheritdoc/>
    public void Record(string terminalId, string line) => database.Locked(() =>
    {
        using var command = database.Command("INSERT INTO open_sale_lines (terminal_id, line) VALUES ($terminal, $line);");
        command.Parameters.AddWithValue("$terminal", terminalId);
        command.Parameters.AddWithValue("$line", line);
        return command.ExecuteNonQuery();
    });

    /// <inheritdoc/>
    public void Clear(string terminalId) => database.Locked(() =>
    {
        using var command = database.Command("DELETE FROM open_sale_lines WHERE terminal_id = $terminal;");
        command.Parameters.AddWithValue("$terminal", terminalId);
        return command.ExecuteNonQuery();
    });

    /// <inheritdoc/>
    public IReadOnlyList<string> Read(string terminalId) => database.Locked(() =>
    {
        using var command = database.Command("SELECT line FROM open_sale_lines WHERE terminal_id = $terminal ORDER BY id;");
        command.Parameters.AddWithValue("$terminal", terminalId);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return (IReadOnlyList<string>)lines;
    });
}
