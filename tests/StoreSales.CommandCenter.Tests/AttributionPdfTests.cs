using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Attribution;
using StoreSales.CommandCenter.Resources;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// The attribution PDF as a reader of the file sees it (poppler's pdftotext): a Chinese chain's store and region names
/// print as Chinese, not as boxes, and the labels follow the caller's culture. The zh-CN first page is also rendered to
/// a PNG (pdftoppm) under the test output's artefacts folder for a person to look at.
/// </summary>
public sealed class AttributionPdfTests
{
    private static readonly ReportFonts Fonts = new(Options.Create(new ReportFontOptions()));

    private static readonly AttributionReportView Report = new(
        new DateOnly(2025, 10, 1),
        new DateTimeOffset(2025, 11, 1, 2, 0, 0, TimeSpan.Zero),
        [new AttributionStoreRow("store-sh001", "上海静安店", "region-east", new StoreAttribution(
            "store-sh001", "region-east", 434000m, 400000m,
            [new GapCause(CauseSide.Objective, "weather-closure", "17", 4m, 4000m, 4000m), new GapCause(CauseSide.Objective, "refit", "18", 2m, 0m, 0m) { PricedIn = 2000m }]))],
        [new AttributionRegionRow("华东大区", new RegionAttribution("region-east", 1, 434000m, 400000m, 34000m, 4000m, 0m, 30000m))]);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_zh_CN_reader_gets_the_chinese_names_and_chinese_labels()
    {
        var pdf = Render("zh-CN");

        var text = await Poppler("pdftotext", pdf, ["-layout", "{pdf}", "-"]);
        await Poppler("pdftoppm", pdf, ["-png", "-r", "80", "-singlefile", "{pdf}", Path.Combine(Artefacts(), "attribution-zh-CN")]);

        Assert.Contains("上海静安店 (store-sh001)", text, StringComparison.Ordinal);
        Assert.Contains("华东大区", text, StringComparison.Ordinal);
        Assert.Contains("目标达成归因报告 2025-10", text, StringComparison.Ordinal);
        Assert.Contains("客观原因：天气闭店 [17] 4 小时", text, StringComparison.Ordinal);
        Assert.Contains("装修 [18] 2 小时，估计损失 0，解释缺口 0（目标拆解已为此从目标中扣除 2,000）", text, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(Artefacts(), "attribution-zh-CN.png")).Length > 0);
    }

    [Fact]
    public async Task An_english_reader_gets_english_labels_around_the_same_chinese_names()
    {
        var text = await Poppler("pdftotext", Render("en"), ["-layout", "{pdf}", "-"]);

        Assert.Contains("Attribution report 2025-10", text, StringComparison.Ordinal);
        Assert.Contains("上海静安店 (store-sh001)", text, StringComparison.Ordinal);
        Assert.Contains("Objective: Weather closure [17] 4 h, estimated 4,000, explains 4,000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("decomposition already took", text.Split("[17]")[1].Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("Objective: Refit [18] 2 h, estimated 0, explains 0 (the decomposition already took 2,000 off the target for it)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("目标达成归因报告", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_font_file_is_refused_at_start_naming_the_key_and_the_package()
    {
        var problem = new ReportFontOptions { FontPath = "/nowhere/wqy-microhei.ttc" }.Validate();

        Assert.NotNull(problem);
        Assert.Contains("Reports:Pdf:FontPath", problem, StringComparison.Ordinal);
        Assert.Contains("fonts-wqy-microhei", problem, StringComparison.Ordinal);
        Assert.Null(new ReportFontOptions().Validate());
    }

    [Fact]
    public void A_font_lifted_out_of_the_collection_is_a_single_truetype_font_with_the_same_tables()
    {
        var collection = File.ReadAllBytes(new ReportFontOptions().FontPath);

        var font = TrueTypeCollection.FontAt(collection, 0);

        Assert.Equal("ttcf"u8.ToArray(), collection[..4]);
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, font[..4]);
        Assert.Equal(collection[(Directory(collection) + 4)..(Directory(collection) + 6)], font[4..6]);
        Assert.Throws<InvalidDataException>(() => TrueTypeCollection.FontAt(collection, 64));
    }

    private static int Directory(byte[] collection) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(collection.AsSpan(12));

    private static byte[] Render(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
            return AttributionPdf.Render(Report, new StringLocalizer<Labels>(factory), Fonts);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static string Artefacts() => System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artefacts")).FullName;

    /// <summary>Runs a poppler tool (Debian's poppler-utils) on the PDF, written to a file; returns what it printed.</summary>
    private static async Task<string> Poppler(string tool, byte[] pdf, string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"attribution-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, Cancellation);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments.Select(a => a == "{pdf}" ? file : a)) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException($"{tool} did not start: apt-get install poppler-utils");
            var output = process.StandardOutput.ReadToEndAsync(Cancellation);
            var errors = await process.StandardError.ReadToEndAsync(Cancellation);
            await process.WaitForExitAsync(Cancellation);
            Assert.True(process.ExitCode == 0, $"{tool}: {errors}");
            return await output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
