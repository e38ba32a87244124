using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.Credit;

/// <summary>
/// B2B orders (docs/domain.md "Credit hold"). Placing one checks the customer's credit (<see cref="CreditCheck"/>) in the
/// transaction that keeps the order, with the customer's row locked: two orders of one customer at the same moment are
/// judged one after the other, so they cannot both pass on the same remaining credit. A held order files its
/// order-release approval request in that same transaction. The order id is the caller's: sending the same order again
/// answers the order as kept; the same id with other content is refused.
/// </summary>
public sealed class OrderBook(
    NpgsqlDataSource dataSource,
    CreditFactsReader facts,
    ApprovalBook approvals,
    IOptions<CreditOptions> credit,
    IOptions<OrderOptions> orders,
    IOptions<ChainCalendarOptions> calendar,
    TimeProvider clock)
{
    private const string Columns = """
        o.order_id, o.customer_id, c.display_name, o.owner_rep_id, o.department_id, o.region_id, o.amount, o.currency, o.lines::text AS lines,
        o.status, o.credit_check::text AS credit_check, o.placed_by, o.placed_at, o.approval_id, o.decided_by, o.decided_at, o.decision_reason
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<OrderPlacement> Place(OrderDraft draft, string placedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var customer = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(
            """
            SELECT c.kind, c.display_name, c.owner_rep_id, c.department_id, s.region_id
            FROM customer c LEFT JOIN rep r ON r.rep_id = c.owner_rep_id LEFT JOIN store s ON s.store_id = r.store_id
            WHERE c.customer_id = @CustomerId AND c.merged_into IS NULL
            FOR UPDATE OF c
            """,
            new { draft.CustomerId },
            transaction,
            cancellationToken: cancellationToken));
        if (customer is null)
        {
            return new OrderPlacement.UnknownCustomer();
        }

        if (customer.kind != "account")
        {
            return new OrderPlacement.NotAnAccount();
        }

        var now = LedgerTime.Now(clock);
        var known = await Read(connection, transaction, draft.OrderId, cancellationToken);
        var standing = await facts.Read(connection, transaction, draft.CustomerId, cancellationToken);
        if (known is not null)
        {
            return SameOrder(known, draft) ? new OrderPlacement.Placed(known, true, standing.RecentPayments) : new OrderPlacement.Changed(known);
        }

        var verdict = CreditCheck.Judge(standing.Standing(credit.Value), draft.Amount, ChainCalendar.DateOf(now, calendar.Value.Zone()), credit.Value);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sales_order (order_id, customer_id, owner_rep_id, department_id, region_id, amount, currency, lines, status, hold_reason,
                                     credit_check, placed_by, placed_at)
            VALUES (@OrderId, @CustomerId, @owner, @department, @region, @amount, @currency, @lines::jsonb, @status, @holdReason,
                    @check::jsonb, @placedBy, @now)
            ON CONFLICT (order_id) DO NOTHING
            """,
            new
            {
                draft.OrderId, draft.CustomerId, owner = customer.owner_rep_id, department = customer.department_id, region = customer.region_id,
                amount = draft.Amount, currency = credit.Value.Currency, lines = JsonSerializer.Serialize(draft.Lines, Json),
                status = verdict.Held ? OrderStatuses.Held : OrderStatuses.Accepted, holdReason = verdict.Held ? verdict.Code : null,
                check = JsonSerializer.Serialize(verdict, Json), placedBy, now,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // The same id placed for another customer at this very moment (each locked only its own customer).
            var other = (await Read(connection, transaction, draft.OrderId, cancellationToken))!;
            return SameOrder(other, draft) ? new OrderPlacement.Placed(other, true, standing.RecentPayments) : new OrderPlacement.Changed(other);
        }

        if (verdict.Held)
        {
            var filed = await approvals.FileIn(connection, transaction, new NewApprovalRequest(
                ApprovalKinds.OrderRelease,
                draft.OrderId,
                [orders.Value.ReleaseApproverRole],
                placedBy,
                null,
                draft.CustomerId,
                customer.department_id,
                customer.region_id,
                draft.Amount,
                JsonSerializer.Serialize(new ReleaseSummary(draft.OrderId, customer.display_name, verdict, standing.RecentPayments), Json)), cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sales_order SET approval_id = @approvalId WHERE order_id = @OrderId",
                new { approvalId = filed.Request.ApprovalId, draft.OrderId }, transaction, cancellationToken: cancellationToken));
        }

        var placed = (await Read(connection, transaction, draft.OrderId, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return new OrderPlacement.Placed(placed, false, standing.RecentPayments);
    }

    public async Task<OrderRecord?> Find(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Read(connection, null, orderId, cancellationToken);
    }

    /// <summary>
    /// Orders newest first, of one status and customer when given, within a scope: every order when
    /// <paramref name="scope"/> is null, else the orders of the scope's rep, teams or stores (the caller then applies the
    /// access rule to each).
    /// </summary>
    public async Task<IReadOnlyList<OrderRecord>> List(string? status, string? customerId, OrderScope? scope, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrderRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM sales_order o JOIN customer c ON c.customer_id = o.customer_id
            LEFT JOIN rep r ON r.rep_id = o.owner_rep_id
            WHERE (@status::text IS NULL OR o.status = @status) AND (@customerId::text IS NULL OR o.customer_id = @customerId)
              AND (@all OR o.owner_rep_id = @rep OR o.department_id = ANY (@teams) OR r.store_id = ANY (@stores))
            ORDER BY o.placed_at DESC, o.order_id
            LIMIT @limit
            """,
            new
            {
                status, customerId, all = scope is null, rep = scope?.RepId, teams = (scope?.Teams ?? []).ToArray(), stores = (scope?.Stores ?? []).ToArray(), limit,
            },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <summary>The held order's release decided (in the deciding transaction): released or cancelled, with who and why. False when it was no longer held.</summary>
    public static async Task<bool> Decide(NpgsqlConnection connection, NpgsqlTransaction transaction, string orderId, bool release, string decidedBy, DateTimeOffset at, string reason, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sales_order SET status = @status, decided_by = @decidedBy, decided_at = @at, decision_reason = @reason
            WHERE order_id = @orderId AND status = 'held'
            """,
            new { orderId, status = release ? OrderStatuses.Released : OrderStatuses.Cancelled, decidedBy, at = at.UtcDateTime, reason },
            transaction,
            cancellationToken: cancellationToken)) == 1;

    private static bool SameOrder(OrderRecord kept, OrderDraft draft) =>
        string.Equals(kept.CustomerId, draft.CustomerId, StringComparison.Ordinal) && kept.Amount == draft.Amount && kept.Lines.SequenceEqual(draft.Lines);

    private static async Task<OrderRecord?> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, string orderId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sales_order o JOIN customer c ON c.customer_id = o.customer_id WHERE o.order_id = @orderId",
            new { orderId }, transaction, cancellationToken: cancellationToken)))?.ToRecord();

    /// <summary>What the approver is shown beside an order-release request (the request's summary JSON).</summary>
    public sealed record ReleaseSummary(string OrderId, string CustomerName, CreditVerdict Check, IReadOnlyList<PaymentRecord> RecentPayments);

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record CustomerRow(string kind, string display_name, string owner_rep_id, string department_id, string? region_id);

    private sealed record OrderRow(
        string order_id, string customer_id, string display_name, string owner_rep_id, string department_id, string? region_id, decimal amount,
        string currency, string lines, string status, string credit_check, string placed_by, DateTime placed_at, long? approval_id,
        string? decided_by, DateTime? decided_at, string? decision_reason)
    {
        public OrderRecord ToRecord() => new(
            order_id, customer_id, display_name, owner_rep_id, department_id, region_id, amount, currency,
            JsonSerializer.Deserialize<List<OrderLine>>(lines, Json) ?? [], status,
            JsonSerializer.Deserialize<CreditVerdict>(credit_check, Json)!, placed_by, LedgerTime.Utc(placed_at), approval_id, decided_by,
            decided_at is { } at ? LedgerTime.Utc(at) : null, decision_reason);
    }
#pragma warning restore IDE1006, CA1707
}

/// <summary>The orders a viewer who does not see every order may list: their own customers', their teams', their stores'.</summary>
public sealed record OrderScope(string? RepId, IReadOnlyCollection<string> Teams, IReadOnlyCollection<string> Stores);
