using Dapper;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Data.Quotes;

/// <summary>Reads quotes, their opportunities and the items they are made of. Scope is the caller's to apply (QuoteAccessRule).</summary>
public sealed class QuoteReader(NpgsqlDataSource dataSource, ApprovalBook approvals)
{
    private const string OpportunitySql = """
        SELECT o.opportunity_id, o.title, o.customer_id, c.display_name AS customer_name, o.owner_rep_id, o.department_id,
               r.store_id AS owner_store_id, s.region_id, coalesce(r.level, '') AS rep_level, o.currency, o.outcome
        FROM opportunity o
        JOIN customer c ON c.customer_id = o.customer_id
        LEFT JOIN rep r ON r.rep_id = o.owner_rep_id
        LEFT JOIN store s ON s.store_id = r.store_id
        """;

    public async Task<QuoteOpportunity?> Opportunity(string opportunityId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Opportunity(connection, null, opportunityId, cancellationToken);
    }

    internal static async Task<QuoteOpportunity?> Opportunity(NpgsqlConnection connection, NpgsqlTransaction? transaction, string opportunityId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<OpportunityRow>(new CommandDefinition(
            OpportunitySql + " WHERE o.opportunity_id = @opportunityId", new { opportunityId }, transaction, cancellationToken: cancellationToken)))?.ToOpportunity();

    /// <summary>A version, or null when the quote or version does not exist.</summary>
    public async Task<QuoteVersionView?> Find(string quoteNumber, int version, CancellationToken cancellationToken)
    {
        QuoteVersionView? found;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            found = await Read(connection, null, quoteNumber, version, cancellationToken);
        }

        return found is null ? null : found with { Approval = await approvals.Latest(ApprovalKinds.Quote, found.SubjectId, cancellationToken) };
    }

    /// <summary>The newest version of a quote, or null.</summary>
    public async Task<QuoteVersionView?> Latest(string quoteNumber, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var version = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT max(version) FROM quote_version WHERE quote_number = @quoteNumber", new { quoteNumber }, cancellationToken: cancellationToken));
        return version is { } latest ? await Find(quoteNumber, latest, cancellationToken) : null;
    }

    /// <summary>The opportunity's quotes, newest version of each, newest quote first.</summary>
    public async Task<IReadOnlyList<QuoteVersionView>> OfOpportunity(string opportunityId, CancellationToken cancellationToken)
    {
        List<(string QuoteNumber, int Version)> latest;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            latest = [.. await connection.QueryAsync<(string QuoteNumber, int Version)>(new CommandDefinition(
                """
                SELECT q.quote_number, max(v.version) FROM quote q JOIN quote_version v USING (quote_number)
                WHERE q.opportunity_id = @opportunityId GROUP BY q.quote_number ORDER BY q.quote_number DESC
                """,
                new { opportunityId }, cancellationToken: cancellationToken))];
        }

        // With each one's approval, as a single version is read: the list shows what each waits for.
        var views = new List<QuoteVersionView>();
        foreach (var (number, version) in latest)
        {
            views.Add((await Find(number, version, cancellationToken))!);
        }

        return views;
    }

    /// <summary>The items a quote may carry, with list price and (where known) cost; those named, or the first <paramref name="limit"/> by code.</summary>
    public async Task<IReadOnlyList<QuoteItem>> Items(IReadOnlyCollection<string>? codes, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<QuoteItem>(new CommandDefinition(
            codes is null
                ? "SELECT item_code AS Code, name AS Name, unit_price AS ListPrice, unit_cost AS UnitCost FROM item WHERE unit_price IS NOT NULL ORDER BY item_code LIMIT @limit"
                : "SELECT item_code AS Code, name AS Name, unit_price AS ListPrice, unit_cost AS UnitCost FROM item WHERE item_code = ANY (@codes) AND unit_price IS NOT NULL",
            new { codes = codes?.ToArray(), limit }, cancellationToken: cancellationToken))];
    }

    internal static async Task<QuoteVersionView?> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, string quoteNumber, int version, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            """
            SELECT v.quote_number, v.version, (SELECT max(version) FROM quote_version x WHERE x.quote_number = v.quote_number) AS latest_version,
                   q.opportunity_id, v.customer_name, q.currency, v.list_total, v.net_total, v.deepest_discount, v.valid_until, v.rep_level,
                   v.tier, v.status, v.verification_code, v.document_sha256, v.created_by, v.created_at, v.submitted_by, v.submitted_at, v.decided_at
            FROM quote_version v JOIN quote q USING (quote_number)
            WHERE v.quote_number = @quoteNumber AND v.version = @version
            """,
            new { quoteNumber, version }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<LineRow>(new CommandDefinition(
            """
            SELECT line_no, item_code, item_name, quantity, list_price, discount_percent, unit_cost, net_amount
            FROM quote_line WHERE quote_number = @quoteNumber AND version = @version ORDER BY line_no
            """,
            new { quoteNumber, version }, transaction, cancellationToken: cancellationToken));
        var opportunity = (await Opportunity(connection, transaction, row.opportunity_id, cancellationToken))!;
        return row.ToView(opportunity, [.. lines.Select(l => l.ToLine())]);
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record OpportunityRow(
        string opportunity_id, string title, string customer_id, string customer_name, string owner_rep_id, string department_id,
        string? owner_store_id, string? region_id, string rep_level, string currency, string? outcome)
    {
        public QuoteOpportunity ToOpportunity() =>
            new(opportunity_id, title, customer_id, customer_name, owner_rep_id, department_id, owner_store_id, region_id, rep_level, currency, outcome);
    }

    private sealed record VersionRow(
        string quote_number, int version, int latest_version, string opportunity_id, string customer_name, string currency, decimal list_total,
        decimal net_total, decimal deepest_discount, DateOnly valid_until, string rep_level, string tier, string status, string verification_code,
        byte[] document_sha256, string created_by, DateTime created_at, string? submitted_by, DateTime? submitted_at, DateTime? decided_at)
    {
        public QuoteVersionView ToView(QuoteOpportunity opportunity, IReadOnlyList<PricedQuoteLine> lines) => new(
            quote_number, version, latest_version, opportunity, customer_name, currency, lines, list_total, net_total, deepest_discount,
            valid_until, rep_level, QuoteTierRule.Parse(tier), status, verification_code, document_sha256, created_by,
            LedgerTime.Utc(created_at), submitted_by, submitted_at is { } s ? LedgerTime.Utc(s) : null, decided_at is { } d ? LedgerTime.Utc(d) : null, null);
    }

    private sealed record LineRow(int line_no, string item_code, string item_name, int quantity, decimal list_price, decimal discount_percent, decimal? unit_cost, decimal net_amount)
    {
        public PricedQuoteLine ToLine() => new(
            line_no, item_code, item_name, quantity, list_price, discount_percent, unit_cost, Math.Round(quantity * list_price, 2, MidpointRounding.AwayFromZero), net_amount);
    }
#pragma warning restore IDE1006, CA1707
}

/// <summary>An item a quote line may name: its list price and, where the chain keeps it, its cost.</summary>
public sealed record QuoteItem(string Code, string Name, decimal ListPrice, decimal? UnitCost);
