using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.ContractToCash;

/// <summary>
/// The overdue sweep's PostgreSQL side: instalments not yet raised whose due date is far enough back in any time zone
/// (a day's margin), with all instalments and the linked payments of their contracts; <see cref="InstalmentOverdue"/>
/// then settles them in order and keeps the ones overdue in their customer's own time zone.
/// </summary>
public sealed class PgOverdueInstalments(NpgsqlDataSource dataSource, IOptions<ContractToCashOptions> options, IOptions<ChainCalendarOptions> calendar) : IOverdueInstalments
{
    public async Task<IReadOnlyList<OverdueInstalment>> Unraised(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var days = options.Value.OverdueAfterDays;
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            """
            WITH candidate AS (
                SELECT DISTINCT contract_id FROM contract_instalment
                WHERE overdue_raised_at IS NULL AND due_on IS NOT NULL AND due_on <= (@today::date + 1 - @days)
            ),
            paid AS (
                SELECT coalesce(p.contract_id, r.contract_id) AS contract_id, sum(p.amount) AS amount
                FROM payment p LEFT JOIN receivable r ON r.document_no = p.applied_to
                WHERE coalesce(p.contract_id, r.contract_id) IN (SELECT contract_id FROM candidate) GROUP BY 1
            )
            SELECT i.contract_id, i.seq, i.due_on, i.gross, i.overdue_raised_at IS NOT NULL AS raised, k.customer_id, c.display_name, c.owner_rep_id, r.store_id,
                   st.region_id, k.currency, coalesce(st.time_zone, @zone) AS zone, coalesce(paid.amount, 0) AS paid
            FROM contract_instalment i JOIN candidate USING (contract_id) JOIN contract k ON k.contract_id = i.contract_id
                 JOIN customer c ON c.customer_id = k.customer_id LEFT JOIN rep r ON r.rep_id = c.owner_rep_id LEFT JOIN store st ON st.store_id = r.store_id
                 LEFT JOIN paid ON paid.contract_id = i.contract_id
            ORDER BY i.contract_id, i.seq
            """,
            new { today = now.UtcDateTime.Date, days, zone = calendar.Value.TimeZone },
            cancellationToken: cancellationToken))).ToList();
        var overdue = new List<OverdueInstalment>();
        foreach (var contract in rows.GroupBy(r => r.contract_id))
        {
            var first = contract.First();
            var zone = TimeZoneInfo.FindSystemTimeZoneById(first.zone);
            var plan = contract.Select(r => new InstalmentDue(r.seq, r.due_on, r.gross)).ToList();
            var raised = contract.Where(r => r.raised).Select(r => r.seq).ToHashSet();
            overdue.AddRange(InstalmentOverdue.Overdue(plan, first.paid, now, zone, days)
                .Where(s => !raised.Contains(s.Seq))
                .Select(s => new OverdueInstalment(
                    first.contract_id, s.Seq, first.customer_id, first.display_name, first.owner_rep_id, first.store_id, first.region_id, s.DueOn!.Value, s.Gross, s.Open, first.currency)));
        }

        return [.. overdue.OrderBy(o => o.DueOn).ThenBy(o => o.ContractId, StringComparer.Ordinal).ThenBy(o => o.Seq).Take(limit)];
    }

    public async Task MarkRaised(string contractId, int seq, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE contract_instalment SET overdue_raised_at = @at WHERE contract_id = @contractId AND seq = @seq AND overdue_raised_at IS NULL",
            new { contractId, seq, at = at.UtcDateTime }, cancellationToken: cancellationToken));
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record Row(
        string contract_id, int seq, DateOnly? due_on, decimal gross, bool raised, string customer_id, string display_name, string owner_rep_id, string? store_id,
        string? region_id, string currency, string zone, decimal paid);
#pragma warning restore IDE1006, CA1707
}
