using System.Globalization;
using PdfSharp.Drawing;
using Microsoft.Extensions.Localization;
using PdfSharp.Pdf;
using StoreSales.CommandCenter.Components.Attribution;
using StoreSales.CommandCenter.Resources;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// The report as a PDF for HQ's monthly meeting: A4 landscape, the regions' gap split as stacked bars and a table, then
/// every store the caller sees with its figures and causes, over as many pages as it takes. The labels are the page's, in
/// the caller's culture (en or zh-CN); the font carries Chinese (<see cref="ReportFonts"/>), as the chains' names are.
/// </summary>
public static class AttributionPdf
{
    private static readonly XColor ObjectiveColour = XColor.FromArgb(0x59, 0x8B, 0xD6);
    private static readonly XColor ManagementColour = XColor.FromArgb(0xE0, 0x7A, 0x3F);
    private static readonly XColor UnexplainedColour = XColor.FromArgb(0xB0, 0xB0, 0xB0);
    private static readonly double[] Columns = [40, 250, 340, 430, 520, 610, 700];

    public static byte[] Render(AttributionReportView report, IStringLocalizer<Labels> labels, ReportFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(fonts);
        fonts.Install();
        var l = labels;
        using var document = new PdfDocument();
        document.Info.Title = $"{l["AttributionTitle"]} {Month(report)}";
        var page = new Pager(document);
        var title = new XFont(ReportFonts.Family, 16, XFontStyleEx.Bold);
        var bold = new XFont(ReportFonts.Family, 9, XFontStyleEx.Bold);
        var text = new XFont(ReportFonts.Family, 9, XFontStyleEx.Regular);
        var small = new XFont(ReportFonts.Family, 8, XFontStyleEx.Regular);

        page.Draw(g => g.DrawString($"{l["AttributionTitle"]} {Month(report)}", title, XBrushes.Black, 40, page.Y), 26);
        page.Draw(g => g.DrawString(Format(l["AttributionGenerated"], $"{report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", report.Stores.Count), text, XBrushes.DimGray, 40, page.Y), 22);

        if (report.Regions.Count > 0)
        {
            page.Draw(g => g.DrawString(l["AttributionGapByRegion"], bold, XBrushes.Black, 40, page.Y), 16);
            var widest = Math.Max(1m, report.Regions.Max(r => r.Attribution.Shortfall));
            foreach (var region in report.Regions)
            {
                var r = region.Attribution;
                page.Draw(
                    g =>
                    {
                        g.DrawString(region.RegionName, text, XBrushes.Black, 40, page.Y + 10);
                        var x = 200d;
                        foreach (var (amount, colour) in new[] { (r.Objective, ObjectiveColour), (r.Management, ManagementColour), (r.Unexplained, UnexplainedColour) })
                        {
                            var width = (double)(amount / widest) * 450;
                            g.DrawRectangle(new XSolidBrush(colour), x, page.Y, width, 12);
                            x += width;
                        }

                        g.DrawString(Money(r.Shortfall), small, XBrushes.Black, x + 6, page.Y + 10);
                    },
                    18);
            }

            page.Draw(_ => { }, 8);
            Row(page, bold, [l["Region"], l["Stores"], l["Target"], l["Actual"], l["AttributionGap"], l["AttributionObjective"], $"{l["AttributionManagement"]} / {l["AttributionUnexplained"]}"]);
            foreach (var region in report.Regions)
            {
                var r = region.Attribution;
                Row(page, text, [region.RegionName, r.Stores.ToString(CultureInfo.InvariantCulture), Money(r.Target), Money(r.Actual), Money(r.Gap), Money(r.Objective), $"{Money(r.Management)} / {Money(r.Unexplained)}"]);
            }

            page.Draw(_ => { }, 14);
        }

        Row(page, bold, [l["Store"], l["Target"], l["Actual"], l["AttributionGap"], l["AttributionObjective"], l["AttributionManagement"], l["AttributionUnexplained"]]);
        foreach (var store in report.Stores)
        {
            var a = store.Attribution;
            Row(page, text, [$"{store.StoreName} ({store.StoreId})", Money(a.Target), Money(a.Actual), Money(a.Gap), Money(a.Objective), Money(a.Management), Money(a.Unexplained)]);
            foreach (var cause in a.Causes)
            {
                var side = l[cause.Side == CauseSide.Objective ? "AttributionObjective" : "AttributionManagement"];
                var line = Format(l["AttributionPdfCauseLine"], side, l[CauseLabel.Key(cause.Kind)], cause.Source, cause.Hours.ToString("0.##", CultureInfo.InvariantCulture), Money(cause.EstimatedCost), Money(cause.Explained));
                line += cause.PricedIn > 0 ? Format(l["AttributionPdfPricedIn"], Money(cause.PricedIn)) : string.Empty;
                page.Draw(g => g.DrawString(line, small, XBrushes.DimGray, 60, page.Y + 9), 12);
            }
        }

        page.Finish();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Row(Pager page, XFont font, string[] cells) =>
        page.Draw(
            g =>
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    g.DrawString(cells[i], font, XBrushes.Black, Columns[i], page.Y + 10);
                }
            },
            14);

    private static string Format(string pattern, params object[] values) => string.Format(CultureInfo.InvariantCulture, pattern, values);

    private static string Month(AttributionReportView report) => report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>Draws line after line and opens a new page when the next one would not fit.</summary>
    private sealed class Pager(PdfDocument document)
    {
        private const double Top = 40;
        private const double Bottom = 40;
        private PdfPage? _page;
        private XGraphics? _graphics;

        public double Y { get; private set; } = Top;

        public void Draw(Action<XGraphics> draw, double height)
        {
            if (_graphics is null || Y + height > _page!.Height.Point - Bottom)
            {
                _graphics?.Dispose();
                _page = document.AddPage();
                _page.Size = PdfSharp.PageSize.A4;
                _page.Orientation = PdfSharp.PageOrientation.Landscape;
                _graphics = XGraphics.FromPdfPage(_page);
                Y = Top;
            }

            draw(_graphics);
            Y += height;
        }

        public void Finish() => _graphics?.Dispose();
    }
}
