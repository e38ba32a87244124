using Microsoft.Extensions.Options;
using PdfSharp.Fonts;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// The font the PDF exports are drawn with. PDFsharp finds no system fonts on Linux by itself: it is given the configured
/// CJK font (<see cref="ReportFontOptions"/>) for every family asked for, regular, with bold simulated (WenQuanYi Micro
/// Hei has no bold face). PDFsharp's resolver is process-wide and may be set once: the first one installed serves all.
/// </summary>
public sealed class ReportFonts(IOptions<ReportFontOptions> options) : IFontResolver
{
    public const string Family = "StoreSales Report";
    private const string Face = "StoreSalesReport";
    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly Lazy<byte[]> _font = new(() => Load(options.Value));

    /// <summary>Installs this resolver once per process (PDFsharp's setting is global and may be set only once).</summary>
    public void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver ??= this;
                _installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Face, bold, italic);

    public byte[]? GetFont(string faceName) => _font.Value;

    private static byte[] Load(ReportFontOptions options) =>
        File.Exists(options.FontPath)
            ? TrueTypeCollection.FontAt(File.ReadAllBytes(options.FontPath), options.FontIndex)
            : throw new FileNotFoundException(
                $"The PDF export needs the font {options.FontPath} ({ReportFontOptions.SectionName}:{nameof(ReportFontOptions.FontPath)}; Debian package fonts-wqy-microhei).",
                options.FontPath);
}
