using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// A top-tier quote from the rep's builder to the customer's check: the builder shows the tier before anything is
/// submitted (within the senior rep's 10 % at 8 %, legal and finance at 25 %), the submitted version waits for legal and
/// finance, both approve (through the approval book: the approvals inbox is another slice's page), and the verify page
/// opened signed out from the URL the QR code carries says genuine with the same document hash, while the same URL with
/// one character changed says altered. The PDF is rendered to a PNG beside the screenshots.
/// </summary>
public sealed class QuoteApprovalTests(BrowserFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_top_tier_quote_is_approved_by_legal_and_finance_and_verified_from_its_QR_code()
    {
        var opportunityId = await AnOpportunityOfTheDemoRep();

        await using var rep = await fixture.OpenSession();
        await rep.SignIn(DemoStaff.SalesRepSh001);
        await rep.Page.GotoAsync($"/opportunities/{opportunityId}/quotes/new");
        await InteractiveRender.WaitUntilInteractive(rep.Page, "[data-testid=quote-lines]");
        var line = rep.Page.Locator("[data-testid=quote-line]").First;
        await line.Locator("[data-testid=line-item]").SelectOptionAsync("md-glucose-q");
        await line.Locator("[data-testid=line-quantity]").FillAsync("10");
        await line.Locator("[data-testid=line-discount]").FillAsync("8");
        var tier = rep.Page.Locator("[data-testid=tier-preview]");
        await Expect(tier).ToHaveAttributeAsync("data-tier", "rep");
        await Expect(rep.Page.Locator("[data-testid=builder-total]")).ToContainTextAsync("2,750.80");   // 10 × 299.00 × 0.92
        await rep.Screenshots.Take("builder-within-authority");

        await line.Locator("[data-testid=line-discount]").FillAsync("25");
        await Expect(tier).ToHaveAttributeAsync("data-tier", "legal-finance");
        await Expect(rep.Page.Locator("[data-testid=tier-explained]")).ToContainTextAsync("legal and finance both approve");
        await rep.Screenshots.Take("builder-top-tier");

        await rep.Page.Locator("[data-testid=save-submit]").ClickAsync();
        await rep.Page.WaitForURLAsync("**/quotes/Q-*/1");
        await InteractiveRender.WaitUntilInteractive(rep.Page, "[data-testid=quote-page]");
        await Expect(rep.Page.Locator("[data-testid=quote-status]")).ToHaveAttributeAsync("data-status", "submitted");
        await Expect(rep.Page.Locator("[data-testid=chain-step][data-decision=pending]")).ToHaveCountAsync(2);
        await Expect(rep.Page.Locator("[data-testid=quote-total]")).ToContainTextAsync("2,242.50");
        var quoteNumber = await rep.Page.Locator("[data-testid=quote-page]").GetAttributeAsync("data-quote");
        await rep.Screenshots.Take("submitted-waiting-for-legal-and-finance");

        // Legal looks at it (chain-wide), then legal and finance decide, in that order, each with a reason.
        await using (var legal = await fixture.OpenSession())
        {
            await legal.SignIn(DemoStaff.Legal);
            await legal.Page.GotoAsync($"/quotes/{quoteNumber}/1");
            await InteractiveRender.WaitUntilInteractive(legal.Page, "[data-testid=quote-page]");
            await Expect(legal.Page.Locator("[data-testid=submit-quote]")).ToHaveCountAsync(0);
            await legal.Screenshots.Take("legal-sees-the-quote");
        }

        var approvals = fixture.CommandCenter.Services.GetRequiredService<ApprovalBook>();
        var request = (await approvals.Latest(ApprovalKinds.Quote, $"{quoteNumber}/1", Cancellation))!;
        Assert.Equal([ChainRoles.Legal, ChainRoles.Finance], request.RequiredRoles);
        Assert.IsType<ApprovalRefusedResult>(await approvals.Decide(request.ApprovalId, true, "mine", "sh001.rep", new HashSet<string> { ChainRoles.Legal }, Cancellation));

        // Each decides in their approvals inbox, with a reason: legal first (the quote still waits for finance), then finance.
        await using (var legal = await fixture.OpenSession())
        {
            await legal.SignIn(DemoStaff.Legal);
            var inbox = await new ApprovalsPage(legal).Open(request.ApprovalId);
            await Expect(inbox.Part("approval-summary")).ToContainTextAsync(quoteNumber!);
            await inbox.Decide(approve: true, "Standard clauses");
            await Expect(legal.Page.Locator("[data-testid=approval-step][data-role=legal]")).ToHaveAttributeAsync("data-decided", "approved");
            await Expect(inbox.Detail).ToHaveAttributeAsync("data-status", "pending");
            await legal.Screenshots.Take("legal-approves-in-the-inbox");
        }

        await using (var finance = await fixture.OpenSession())
        {
            await finance.SignIn(DemoStaff.Finance);
            var inbox = await new ApprovalsPage(finance).Open(request.ApprovalId);
            await inbox.Decide(approve: true, "Margin acceptable for a 12-clinic deal");
            await Expect(inbox.Detail).ToHaveAttributeAsync("data-status", "approved");
            await finance.Screenshots.Take("finance-approves-in-the-inbox");
        }

        await rep.Page.ReloadAsync();
        await InteractiveRender.WaitUntilInteractive(rep.Page, "[data-testid=quote-page]");
        await Expect(rep.Page.Locator("[data-testid=quote-status]")).ToHaveAttributeAsync("data-status", "approved");
        await Expect(rep.Page.Locator("[data-testid=chain-step][data-decision=approved]")).ToHaveCountAsync(2);
        await Expect(rep.Page.Locator("[data-testid=approval-chain]")).ToContainTextAsync("Margin acceptable for a 12-clinic deal");
        await rep.Screenshots.Take("approved-by-legal-and-finance");
        var verifyUrl = (await rep.Page.Locator("[data-testid=quote-qr]").GetAttributeAsync("data-url"))!;
        var hash = await rep.Page.Locator("[data-testid=document-hash]").TextContentAsync();

        // The QR image is the one of that URL (its PNG served to the page), and the PDF carries the same hash.
        var qr = await rep.Page.Context.APIRequest.GetAsync((await rep.Page.Locator("[data-testid=quote-qr]").GetAttributeAsync("src"))!);
        Assert.Equal("image/png", qr.Headers["content-type"]);
        Assert.Equal(StoreSales.CommandCenter.Quotes.QuoteQr.Png(verifyUrl), await qr.BodyAsync());
        var pdf = await rep.Page.Context.APIRequest.GetAsync((await rep.Page.Locator("[data-testid=quote-pdf]").GetAttributeAsync("href"))!);
        Assert.Equal(200, pdf.Status);
        var document = await pdf.BodyAsync();
        var png = await Poppler.FirstPage(document, Path.Combine(Screenshots.Folder, $"QuoteApprovalTests.{quoteNumber}-v1"), Cancellation);
        var text = await Poppler.Text(document, Cancellation);
        Assert.Contains(hash!, text, StringComparison.Ordinal);
        Assert.Contains("上海瑞康医疗器械有限公司", text, StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 10_000, $"{png} should hold a rendered page");

        // The customer, signed out, opens the QR code's URL.
        await using var customer = await fixture.OpenSession();
        await customer.Page.GotoAsync(verifyUrl);
        await Expect(customer.Page.Locator("[data-testid=verify-verdict]")).ToHaveAttributeAsync("data-verdict", "verified");
        await Expect(customer.Page.Locator("[data-testid=verify-customer]")).ToHaveTextAsync("上海瑞康医疗器械有限公司");
        await Expect(customer.Page.Locator("[data-testid=verify-total]")).ToHaveTextAsync("CNY 2,242.50");
        await Expect(customer.Page.Locator("[data-testid=verify-hash]")).ToHaveTextAsync(hash!);
        await Expect(customer.Page.Locator("[data-testid=verify-chain-step][data-decision=approved]")).ToHaveCountAsync(2);
        await Expect(customer.Page.Locator("body")).Not.ToContainTextAsync("Margin acceptable");   // no reasons, no names
        await Expect(customer.Page.Locator("body")).Not.ToContainTextAsync("md-glucose-q");       // no lines
        await customer.Screenshots.Take("verified-signed-out");

        var altered = verifyUrl[..^1] + (verifyUrl[^1] == '0' ? '1' : '0');
        await customer.Page.GotoAsync(altered);
        await Expect(customer.Page.Locator("[data-testid=verify-verdict]")).ToHaveAttributeAsync("data-verdict", "altered-code");
        await Expect(customer.Page.Locator("[data-testid=verified-quote]")).ToHaveCountAsync(0);
        await customer.Screenshots.Take("altered-code");
    }

    /// <summary>An opportunity of the demo rep (rep-sh001-01, senior) for a hospital-supply customer, with priced and costed items.</summary>
    private async Task<string> AnOpportunityOfTheDemoRep()
    {
        var id = "opp-qb-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            INSERT INTO item (item_code, name, unit_price, unit_cost) VALUES ('md-glucose-q', '血糖仪 GM-300', 299.00, 180.00) ON CONFLICT DO NOTHING;
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            VALUES ('cust-' || @id, 'account', '上海瑞康医疗器械有限公司', '上海瑞康医疗器械-' || @id, 'rep-sh001-01', 'dept-east-retail', '2026-01-01', now(), now());
            INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage, stage_entered_at, last_activity_at, created_by, created_at, updated_at)
            VALUES (@id, 'cust-' || @id, 'rep-sh001-01', 'dept-east-retail', 'medical-devices', 'Glucose meters for 12 clinics', 120000, 'quote', now(), now(), 'sh001.rep', now(), now());
            """,
            new { id });
        return id;
    }
}
