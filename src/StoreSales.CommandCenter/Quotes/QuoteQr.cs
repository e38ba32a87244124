using Microsoft.Extensions.Options;
using QRCoder;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>
/// The verification link a quote version's QR code carries (<c>{base}/verify/{code}</c>), and the QR code itself as a
/// PNG. The base is <c>Quotes:PublicBaseUrl</c>, or the address the request came in on when that is empty.
/// </summary>
public sealed class QuoteQr(IOptions<QuotesOptions> options)
{
    public string VerifyUrl(string requestBase, string code)
    {
        var configured = options.Value.PublicBaseUrl;
        var root = (configured.Length > 0 ? configured : requestBase).TrimEnd('/');
        return $"{root}/verify/{Uri.EscapeDataString(code)}";
    }

    /// <summary>The QR code's modules (true = dark), quiet zone included, row by row: for drawing it as vectors (the PDF).</summary>
    public static bool[][] Modules(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return [.. data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())];
    }

    /// <summary>The QR code of <paramref name="url"/>: error correction M, <paramref name="pixelsPerModule"/> pixels a module.</summary>
    public static byte[] Png(string url, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
