using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Attribution;
using StoreSales.CommandCenter.Quotes;
using StoreSales.CommandCenter.Resources;
using StoreSales.Data.Quotes;
using StoreSales.Domain.SalesForce.Quotes;
using StoreSales.Testing;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// The quote PDF as its reader sees it (poppler's pdftotext): the customer's Chinese name, the lines and total to the
/// cent, the verification link and code, and the document hash, with the QR code drawn beside them; the zh-CN page is
/// rendered to a PNG under the test output's artefacts folder for a person to look at.
/// </summary>
public sealed class QuotePdfTests
{
    private const string Key = "pdf-test-verification-key-0123456789abcdef";
    private static readonly ReportFonts Fonts = new(Options.Create(new ReportFontOptions()));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_pdf_carries_the_customer_lines_total_verification_link_and_document_hash()
    {
        var quote = Quote();
        var url = "https://sales.example.com/verify/" + quote.VerificationCode;

        var pdf = Render(quote, url, "zh-CN");
        var text = await Poppler.Text(pdf, Cancellation);
        var png = await Poppler.FirstPage(pdf, Path.Combine(Artefacts(), "quote-zh-CN"), Cancellation);

        Assert.Contains("报价单 Q-2026-000042", text, StringComparison.Ordinal);
        Assert.Contains("上海瑞康医疗器械有限公司", text, StringComparison.Ordinal);
        Assert.Contains("血糖仪 GM-300 (md-glucose)", text, StringComparison.Ordinal);
        Assert.Contains("CNY 2,242.50", text, StringComparison.Ordinal);
        Assert.Contains(url, text, StringComparison.Ordinal);
        Assert.Contains(quote.DocumentHash, text, StringComparison.Ordinal);
        Assert.Contains("法务: 已批准", text, StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 10_000);
    }

    [Fact]
    public void The_QR_code_is_a_PNG_of_the_verification_link()
    {
        var png = QuoteQr.Png("https://sales.example.com/verify/Q-2026-000042-2-0123456789abcdef0123456789abcdef");

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.NotEqual(png, QuoteQr.Png("https://sales.example.com/verify/Q-2026-000042-2-0123456789abcdef0123456789abcdee"));
    }

    [Fact]
    public void The_verification_link_starts_with_the_configured_public_address_or_the_requests()
    {
        var configured = new QuoteQr(Options.Create(new QuotesOptions { VerificationKey = Key, PublicBaseUrl = "https://sales.example.com/" }));
        var fromRequest = new QuoteQr(Options.Create(new QuotesOptions { VerificationKey = Key }));

        Assert.Equal("https://sales.example.com/verify/Q-1-1-ab", configured.VerifyUrl("http://127.0.0.1:5080/", "Q-1-1-ab"));
        Assert.Equal("http://127.0.0.1:5080/verify/Q-1-1-ab", fromRequest.VerifyUrl("http://127.0.0.1:5080/", "Q-1-1-ab"));
    }

    private static QuoteVersionView Quote()
    {
        var figures = QuoteTotals.Of([new QuoteLineInput("md-glucose", "血糖仪 GM-300", 10, 299.00m, 25m, 180.00m)]);
        var created = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
        var opportunity = new QuoteOpportunity("opp-1", "Glucose meters", "cust-1", "上海瑞康医疗器械有限公司", "rep-sh001-01", "dept-east-retail", "store-sh001", "region-east", "senior", "CNY", null);
        var content = QuoteSeal.Content(new QuoteSealContent("Q-2026-000042", 2, "cust-1", opportunity.CustomerName, "CNY", new DateOnly(2026, 12, 31), figures.Lines, figures.ListTotal, figures.NetTotal, created));
        var approval = new StoreSales.Data.Approvals.ApprovalRequest(
            7, "quote", "Q-2026-000042/2", "cust-1", "dept-east-retail", "region-east", figures.NetTotal, ["legal", "finance"], "{}", "sh001.rep", created, created.AddDays(1),
            StoreSales.Domain.Approvals.ApprovalStatus.Pending, null, [new("legal", "legal", true, "Standard clauses", created.AddHours(1))]);
        return new QuoteVersionView(
            "Q-2026-000042", 2, 2, opportunity, opportunity.CustomerName, "CNY", figures.Lines, figures.ListTotal, figures.NetTotal, figures.DeepestDiscount,
            new DateOnly(2026, 12, 31), "senior", QuoteTier.LegalAndFinance, QuoteStatus.Submitted, QuoteSeal.Code(Key, "Q-2026-000042", 2, content),
            QuoteSeal.DocumentHash(content), "sh001.rep", created, "sh001.rep", created, null, approval);
    }

    private static byte[] Render(QuoteVersionView quote, string url, string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
            return QuotePdf.Render(quote, url, new StringLocalizer<Labels>(factory), Fonts);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static string Artefacts() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artefacts")).FullName;
}
