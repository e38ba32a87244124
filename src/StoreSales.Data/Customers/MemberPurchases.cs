using Npgsql;

namespace StoreSales.Data.Customers;

/// <summary>
/// A member's purchases as the tills rang them up (the ledger, by the member code a sale carries): the newest ones, and
/// the count and amount of the last days. Live by construction: a sale is here once its batch is acked.
/// </summary>
public sealed class MemberPurchases(NpgsqlDataSource dataSource)
{
    public async Task<MemberPurchaseHistory> Of(string memberCode, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT s.store_id, st.name, s.terminal_id, s.sequence, s.kind, s.receipt_number, s.rung_up_at, s.total
            FROM sale s LEFT JOIN store st ON st.store_id = s.store_id
            WHERE s.member_id = $1
            ORDER BY s.rung_up_at DESC
            LIMIT $2
            """)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = memberCode }, new NpgsqlParameter<int> { TypedValue = limit } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT count(*), coalesce(sum(total), 0) FROM sale WHERE member_id = $1 AND rung_up_at >= $2")
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = memberCode }, new NpgsqlParameter<DateTime> { TypedValue = since.UtcDateTime } },
        });

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var recent = new List<MemberPurchase>();
        while (await reader.ReadAsync(cancellationToken))
        {
            recent.Add(new MemberPurchase(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetDecimal(7)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new MemberPurchaseHistory(since, reader.GetInt64(0), reader.GetDecimal(1), recent);
    }
}

/// <summary>One sale of a member: where, which till and sequence, when, how much (negative for a return).</summary>
public sealed record MemberPurchase(
    string StoreId,
    string? StoreName,
    string TerminalId,
    long Sequence,
    string Kind,
    string? ReceiptNumber,
    DateTimeOffset RungUpAt,
    decimal Total);

/// <summary>A member's purchases since <see cref="Since"/> (count and net amount) and the newest ones.</summary>
public sealed record MemberPurchaseHistory(DateTimeOffset Since, long Count, decimal Amount, IReadOnlyList<MemberPurchase> Recent);
