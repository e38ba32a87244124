using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using StoreSales.CommandCenter.Attribution;
using StoreSales.CommandCenter.Resources;
using StoreSales.Data.Quotes;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>
/// A quote version as the PDF the customer receives: A4, the customer, quote number and version, validity, the lines
/// and totals, the approval chain, and, so the customer can check it, the QR code of its verification link with the
/// link, the verification code and the document hash (SHA-256 of the version's sealed content) printed beside it.
/// Labels in the caller's culture; the font carries Chinese (<see cref="ReportFonts"/>), as customers' names are.
/// </summary>
public static class QuotePdf
{
    private static readonly double[] Columns = [40, 70, 300, 350, 430, 490];

    public static byte[] Render(QuoteVersionView quote, string verifyUrl, IStringLocalizer<Labels> labels, ReportFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(fonts);
        fonts.Install();
        var l = labels;
        using var document = new PdfDocument();
        document.Info.Title = $"{quote.QuoteNumber} v{quote.Version}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using var g = XGraphics.FromPdfPage(page);
        var title = new XFont(ReportFonts.Family, 18, XFontStyleEx.Bold);
        var bold = new XFont(ReportFonts.Family, 10, XFontStyleEx.Bold);
        var text = new XFont(ReportFonts.Family, 10, XFontStyleEx.Regular);
        var small = new XFont(ReportFonts.Family, 8, XFontStyleEx.Regular);

        var y = 50d;
        g.DrawString($"{l["QuoteTitle"]} {quote.QuoteNumber} · {l["QuoteVersion"]} {quote.Version}", title, XBrushes.Black, 40, y);
        y += 26;
        g.DrawString($"{l["QuoteCustomer"]}: {quote.CustomerName}", text, XBrushes.Black, 40, y);
        y += 16;
        g.DrawString($"{l["QuoteValidUntil"]}: {quote.ValidUntil:yyyy-MM-dd} · {l["QuoteStatus"]}: {l[QuoteWords.StatusKey(quote.Status)]} · {l["QuoteTier"]}: {l[QuoteWords.TierKey(quote.Tier)]}", text, XBrushes.Black, 40, y);
        y += 28;

        Row(g, bold, y, ["#", l["QuoteItem"], l["QuoteQuantity"], l["QuoteListPrice"], l["QuoteDiscount"], l["QuoteNet"]]);
        y += 16;
        foreach (var line in quote.Lines)
        {
            Row(g, text, y, [line.LineNo.ToString(CultureInfo.InvariantCulture), $"{line.ItemName} ({line.ItemCode})", line.Quantity.ToString("#,##0", CultureInfo.InvariantCulture), Money(line.ListPrice), $"{line.DiscountPercent:0.##} %", Money(line.NetAmount)]);
            y += 15;
        }

        y += 8;
        g.DrawLine(XPens.Gray, 40, y, 555, y);
        y += 16;
        g.DrawString($"{l["QuoteListTotal"]}: {quote.Currency} {Money(quote.ListTotal)}", text, XBrushes.Black, 330, y);
        y += 16;
        g.DrawString($"{l["QuoteNetTotal"]}: {quote.Currency} {Money(quote.NetTotal)}", bold, XBrushes.Black, 330, y);
        y += 28;

        g.DrawString(l["QuoteApprovalChain"], bold, XBrushes.Black, 40, y);
        y += 15;
        foreach (var step in QuoteVerificationAnswer.Chain(quote))
        {
            g.DrawString($"{l[QuoteWords.RoleKey(step.Role)]}: {l[QuoteWords.DecisionKey(step.Decision)]}{(step.At is { } at ? $" · {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}", text, XBrushes.Black, 50, y);
            y += 14;
        }

        // The verification block: the QR code opens the public page; the code and hash are printed for reading by eye.
        y = Math.Max(y + 20, 560);
        DrawQr(g, QuoteQr.Modules(verifyUrl), 40, y, 140);

        g.DrawString(l["QuoteVerifyHint"], bold, XBrushes.Black, 195, y + 14);
        g.DrawString(verifyUrl, small, XBrushes.Black, 195, y + 32);
        g.DrawString($"{l["QuoteVerificationCode"]}: {quote.VerificationCode}", small, XBrushes.Black, 195, y + 48);
        g.DrawString($"{l["QuoteDocumentHash"]} (SHA-256):", small, XBrushes.Black, 195, y + 64);
        g.DrawString(quote.DocumentHash, small, XBrushes.Black, 195, y + 78);

        g.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>The QR code as vector squares (sharp at any zoom, and no image decoder needed).</summary>
    private static void DrawQr(XGraphics g, bool[][] modules, double x, double y, double size)
    {
        var module = size / modules.Length;
        for (var row = 0; row < modules.Length; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    g.DrawRectangle(XBrushes.Black, x + (column * module), y + (row * module), module, module);
                }
            }
        }
    }

    private static void Row(XGraphics g, XFont font, double y, string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            g.DrawString(cells[i], font, XBrushes.Black, Columns[i], y);
        }
    }

    private static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
