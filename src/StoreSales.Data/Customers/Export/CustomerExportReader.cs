using System.Runtime.CompilerServices;
using Npgsql;

namespace StoreSales.Data.Customers.Export;

/// <summary>
/// Streams the customers an export asks for, one row at a time from an open reader (never the whole table in memory),
/// in id order. Merged records are no customers and are left out. Who may see which row is the caller's to decide
/// (CustomerAccessRule), row by row, with the owner's store and pool state read here.
/// </summary>
public sealed class CustomerExportReader(NpgsqlDataSource dataSource)
{
    public async IAsyncEnumerable<ExportedCustomer> Read(CustomerExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT c.customer_id, c.kind, c.display_name, c.phone, c.credit_code, c.member_code, c.owner_rep_id, c.department_id,
                   c.service_from, c.service_to, c.import_row_key, r.store_id,
                   EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at IS NULL)
            FROM customer c
            LEFT JOIN rep r ON r.rep_id = c.owner_rep_id
            WHERE c.merged_into IS NULL
              AND ($1::text IS NULL OR c.department_id = $1)
              AND ($2::text IS NULL OR c.owner_rep_id = $2)
              AND ($3::text IS NULL OR c.kind = $3)
            ORDER BY c.customer_id
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.DepartmentId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.OwnerRepId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ExportedCustomer(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetFieldValue<DateOnly>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.GetBoolean(12));
        }
    }
}
