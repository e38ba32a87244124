using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Attribution;
using StoreSales.Data.Targets;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Targets.Attribution;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The attribution report over HTTP on the demo chain: October 2025 with a target for every store, a typhoon closing
/// Shanghai Jing'an for four hours and Shanghai Pudong's red alert never resolved, reported by the real generation on
/// PostgreSQL. Each role reads exactly its part, as JSON, CSV and PDF; what is refused says why.
/// </summary>
public sealed class AttributionApiTests(ChainFixture chain) : IClassFixture<ChainFixture>, IAsyncLifetime
{
    private const string Month = "2025-10";
    private static readonly string[] EastStores = ["store-hz001", "store-sh001", "store-sh002"];
    private static readonly string[] AllStores = ["store-gz001", "store-hz001", "store-sh001", "store-sh002", "store-sz001", "store-xm001"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using (var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            // 434 open hours in October at Jing'an and Pudong (08:00–22:00, 31 days): a 434,000 target is 1,000 an hour.
            await connection.ExecuteAsync(
                """
                INSERT INTO store_target (store_id, month, amount) SELECT store_id, '2025-10-01', 434000 FROM store ON CONFLICT DO NOTHING;
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total)
                VALUES ('store-sh001', 'T01', 900001, 'sale', '2025-10-20 12:00+08', now(), 400000) ON CONFLICT DO NOTHING;
                INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, recorded_by, recorded_at)
                SELECT 'store-sh001', 'weather-closure', '2025-10-15 14:00+08', '2025-10-15 18:00+08', true, 'sh001.manager', now()
                WHERE NOT EXISTS (SELECT 1 FROM store_event WHERE store_id = 'store-sh001' AND starts_at = '2025-10-15 14:00+08');
                INSERT INTO intervention (alert_id, condition, subject_kind, subject_id, store_id, region_id, severity, assignee, status, level, raised_at, updated_at, evidence)
                VALUES ('store-sh002/supervisor:region-east/day-behind#attr', 'day-behind', 'store', 'store-sh002', 'store-sh002', 'region-east', 'high',
                        'supervisor:region-east', 'Open', 0, '2025-10-10 10:00+08', '2025-10-10 10:00+08', '{}')
                ON CONFLICT DO NOTHING;
                """);
        }

        // Each test generates again: a re-run replaces the month's report whole.
        var reports = new PgAttributionReports(chain.Database.DataSource, Options.Create(new AttributionOptions()), Options.Create(new InterventionSlaOptions()));
        await reports.Generate(new DateOnly(2025, 10, 1), DateTimeOffset.UtcNow, Cancellation);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, string[], string[]> Readers => new()
    {
        { DemoLogins.Hq, AllStores, ["region-east", "region-south"] },
        { DemoLogins.Admin, AllStores, ["region-east", "region-south"] },
        { DemoLogins.EastManager, EastStores, ["region-east"] },
        { DemoLogins.EastSupervisor, EastStores, ["region-east"] },
        { DemoLogins.Sh001Manager, ["store-sh001"], [] },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Each_role_reads_its_own_stores_and_the_regions_it_sees_whole(string login, string[] stores, string[] regions)
    {
        using var client = await chain.CommandCenter.CreateSignedInClient(login);

        using var report = await Json(client, $"/api/attribution/{Month}");

        Assert.Equal(stores, report.RootElement.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("storeId").GetString()!).ToArray());
        Assert.Equal(regions, report.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("regionId").GetString()!).ToArray());
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Rep)]
    [InlineData(DemoLogins.EastSales)]
    public async Task Anyone_else_is_refused_with_403_for_the_report_and_its_exports(string login)
    {
        using var client = await chain.CommandCenter.CreateSignedInClient(login);

        foreach (var path in new[] { $"/api/attribution/{Month}", $"/api/attribution/{Month}/export.csv", $"/api/attribution/{Month}/export.pdf" })
        {
            using var response = await client.GetAsync(path, Cancellation);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Not in your scope", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_sign_in_the_report_answers_401()
    {
        using var anonymous = chain.CommandCenter.CreateClient();

        using var response = await anonymous.GetAsync($"/api/attribution/{Month}", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_store_line_splits_its_gap_into_the_closure_the_overdue_alert_and_the_rest()
    {
        using var client = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastManager);

        using var report = await Json(client, $"/api/attribution/{Month}");
        var stores = report.RootElement.GetProperty("stores").EnumerateArray().ToDictionary(s => s.GetProperty("storeId").GetString()!);
        var jingan = stores["store-sh001"];
        var pudong = stores["store-sh002"];
        var east = report.RootElement.GetProperty("regions")[0];

        // Jing'an: sold 400,000 of 434,000; the typhoon's four hours cost 4,000, the rest nothing recorded explains.
        Assert.Equal((434_000m, 400_000m, 34_000m, 4_000m, 0m, 30_000m), Figures(jingan));
        var closure = jingan.GetProperty("causes")[0];
        Assert.Equal(("Objective", "weather-closure", 4m), (closure.GetProperty("side").GetString(), closure.GetProperty("kind").GetString(), closure.GetProperty("hours").GetDecimal()));
        // Pudong sold nothing; its red alert, raised 10 October 10:00 and never resolved, was overdue from 14:00 (4-hour SLA):
        // 8 hours that day and 21 full days of 14 → 302 hours, 302,000 expected and not sold.
        Assert.Equal((434_000m, 0m, 434_000m, 0m, 302_000m, 132_000m), Figures(pudong));
        Assert.Equal("red-intervention-overdue", pudong.GetProperty("causes")[0].GetProperty("kind").GetString());
        Assert.Equal(3, east.GetProperty("stores").GetInt32());
        Assert.Equal(4_000m, east.GetProperty("objective").GetDecimal());
        Assert.Equal(302_000m, east.GetProperty("management").GetDecimal());
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("october")]
    public async Task A_malformed_month_is_refused_with_400_naming_the_month(string month)
    {
        using var client = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);

        using var response = await client.GetAsync($"/api/attribution/{month}", Cancellation);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("yyyy-MM", problem.RootElement.GetProperty("errors").GetProperty("month")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_not_reported_yet_is_404_and_says_when_it_will_be()
    {
        using var client = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);

        using var response = await client.GetAsync("/api/attribution/2024-01", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("GenerateOnDay", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_holds_a_line_per_store_and_per_cause_of_the_callers_stores_only()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);

        using var response = await manager.GetAsync($"/api/attribution/{Month}/export.csv", Cancellation);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Cancellation)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Join(',', AttributionCsv.Columns), lines[0]);
        Assert.Equal(
            ["2025-10,region-east,store-sh001,Shanghai Jing'an,store,,,,,434000.00,400000.00,34000.00,4000.00,0.00,30000.00,,,",
             $"2025-10,region-east,store-sh001,Shanghai Jing'an,cause,objective,weather-closure,{ClosureId()},4.00,,,,,,,4000.00,4000.00,0.00"],
            lines[1..]);
    }

    [Fact]
    public async Task The_pdf_reads_as_the_report_of_the_callers_stores()
    {
        using var client = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);

        using var response = await client.GetAsync($"/api/attribution/{Month}/export.pdf", Cancellation);
        var text = await PdfText(await response.Content.ReadAsByteArrayAsync(Cancellation));

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Attribution report 2025-10", text, StringComparison.Ordinal);
        Assert.Contains("Shanghai Jing'an (store-sh001)", text, StringComparison.Ordinal);
        Assert.Contains("Objective: Weather closure", text, StringComparison.Ordinal);
        Assert.DoesNotContain("store-sh002", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_speaks_the_callers_language()
    {
        using var client = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        using var response = await client.GetAsync($"/api/attribution/{Month}/export.pdf", Cancellation);
        var text = await PdfText(await response.Content.ReadAsByteArrayAsync(Cancellation));

        Assert.Contains("目标达成归因报告 2025-10", text, StringComparison.Ordinal);
        Assert.Contains("客观原因：天气闭店", text, StringComparison.Ordinal);
        Assert.Contains("Shanghai Jing'an (store-sh001)", text, StringComparison.Ordinal);
    }

    /// <summary>The PDF's text as poppler reads it (pdftotext, Debian's poppler-utils): what a reader of the file sees.</summary>
    private static async Task<string> PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"attribution-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, Cancellation);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(Cancellation);
            await process.WaitForExitAsync(Cancellation);
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (decimal, decimal, decimal, decimal, decimal, decimal) Figures(JsonElement line) =>
        (line.GetProperty("target").GetDecimal(), line.GetProperty("actual").GetDecimal(), line.GetProperty("gap").GetDecimal(),
         line.GetProperty("objective").GetDecimal(), line.GetProperty("management").GetDecimal(), line.GetProperty("unexplained").GetDecimal());

    private long ClosureId() =>
        chain.Database.DataSource.CreateConnection().ExecuteScalar<long>("SELECT event_id FROM store_event WHERE store_id = 'store-sh001' AND kind = 'weather-closure'");

    private static async Task<JsonDocument> Json(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
