using Npgsql;

namespace StoreSales.Data.Customers;

/// <summary>Reads one customer by id. A customer merged into another is no customer any more: it is not found.</summary>
public sealed class CustomerLookup(NpgsqlDataSource dataSource)
{
    public async Task<CustomerRecord?> Find(string customerId, CancellationToken cancellationToken)
    {
        // One round trip: the customer, its latest lead (open or not), and whether it is in the public pool.
        await using var command = dataSource.CreateCommand(
            """
            SELECT c.customer_id, c.kind, c.display_name, c.phone, c.credit_code, c.member_code, c.owner_rep_id,
                   c.department_id, c.service_from, c.service_to, c.created_at, c.updated_at, c.import_row_key,
                   l.lead_id, l.rep_id, l.assigned_at, l.first_contact_at, r.store_id,
                   EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at IS NULL)
            FROM customer c
            LEFT JOIN rep r ON r.rep_id = c.owner_rep_id
            LEFT JOIN LATERAL (
                SELECT lead_id, rep_id, assigned_at, first_contact_at FROM lead
                WHERE lead.customer_id = c.customer_id ORDER BY assigned_at DESC, lead_id DESC LIMIT 1) l ON true
            WHERE c.customer_id = $1 AND c.merged_into IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var lead = reader.IsDBNull(13) ? null : new LeadRecord(
            reader.GetInt64(13),
            reader.GetString(0),
            reader.GetString(14),
            reader.GetFieldValue<DateTimeOffset>(15),
            reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16));
        return new CustomerRecord(
            reader.GetString(0),
            StoredNames.CustomerKindOf(reader.GetString(1)),
            reader.GetString(2),
            NullableString(reader, 3),
            NullableString(reader, 4),
            NullableString(reader, 5),
            reader.GetString(6),
            reader.GetString(7),
            reader.GetFieldValue<DateOnly>(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
            reader.GetFieldValue<DateTimeOffset>(10),
            reader.GetFieldValue<DateTimeOffset>(11),
            NullableString(reader, 12),
            lead,
            NullableString(reader, 17),
            reader.GetBoolean(18));
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
