using Dapper;
using Npgsql;
using StoreSales.Data.Quotes;

namespace StoreSales.Data.Demo;

/// <summary>
/// The demo's quotes, one per discount tier (docs/domain.md "Quotes"), on opportunities of the demo rep rep-sh001-01
/// (senior, 10 % of their own): 8 % approved at once, 15 % waiting for the sales director, 25 % waiting for legal and
/// finance. Medical-supply items with list prices and costs (one without a cost, so one quote shows "margin unknown").
/// The opportunities are this seeder's own rows (ids <c>opp-demo-quote-*</c>) until the opportunities' demo data is there
/// to quote on. Idempotent: an opportunity that has a quote is left as it is.
/// </summary>
public sealed class DemoQuotes(NpgsqlDataSource dataSource, QuoteReader reader, QuoteBook book)
{
    private const string Rep = "rep-sh001-01";
    private const string RepSignIn = "sh001.rep";

    private static readonly (string Id, string Customer, string CustomerName, string Title, decimal Discount, (string Item, int Quantity)[] Lines)[] Opportunities =
    [
        ("opp-demo-quote-rep", "cust-demo-quote-1", "上海仁济社区卫生服务中心", "Glucose meters for 4 community clinics", 8m, [("md-glucose-300", 40), ("md-strips-50", 200)]),
        ("opp-demo-quote-director", "cust-demo-quote-2", "杭州康宁医药连锁有限公司", "Blood-pressure monitors for 30 pharmacies", 15m, [("md-bp-monitor", 60), ("md-lancets-100", 300)]),
        ("opp-demo-quote-legal", "cust-demo-quote-3", "上海瑞康医疗器械有限公司", "Glucose meters for 12 clinics", 25m, [("md-glucose-300", 120)]),
    ];

    /// <summary>Seeds what is missing; returns how many quotes it made.</summary>
    public async Task<int> Seed(CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*) FROM rep WHERE rep_id = @Rep", new { Rep }, cancellationToken: cancellationToken)) == 0)
            {
                return 0;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO item (item_code, name, unit_price, unit_cost) VALUES
                    ('md-glucose-300', '血糖仪 GM-300', 299.00, 180.00),
                    ('md-strips-50', '血糖试纸 50 片', 89.00, 41.00),
                    ('md-bp-monitor', '电子血压计 BP-20', 399.00, 236.00),
                    ('md-lancets-100', '采血针 100 支', 25.00, NULL)
                ON CONFLICT (item_code) DO NOTHING
                """,
                cancellationToken: cancellationToken));
            foreach (var o in Opportunities)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
                    SELECT @Customer, 'account', @CustomerName, @CustomerName, rep_id, department_id, current_date, now(), now() FROM rep WHERE rep_id = @Rep
                    ON CONFLICT (customer_id) DO NOTHING;
                    INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage,
                                             stage_entered_at, last_activity_at, created_by, created_at, updated_at)
                    SELECT @Id, @Customer, rep_id, department_id, 'medical-devices', @Title, 0, 'quote', now(), now(), @RepSignIn, now(), now() FROM rep WHERE rep_id = @Rep
                    ON CONFLICT (opportunity_id) DO NOTHING;
                    """,
                    new { o.Id, o.Customer, o.CustomerName, o.Title, Rep, RepSignIn },
                    cancellationToken: cancellationToken));
            }
        }

        var made = 0;
        foreach (var o in Opportunities)
        {
            if ((await reader.OfOpportunity(o.Id, cancellationToken)).Count > 0 || await reader.Opportunity(o.Id, cancellationToken) is not { } opportunity)
            {
                continue;
            }

            var created = await book.Create(opportunity, [.. o.Lines.Select(l => new QuoteLineRequest(l.Item, l.Quantity, o.Discount))], null, RepSignIn, cancellationToken);
            if (created is QuoteWritten { Quote: var draft })
            {
                await book.Submit(draft, RepSignIn, cancellationToken);
                made++;
            }
        }

        return made;
    }
}
