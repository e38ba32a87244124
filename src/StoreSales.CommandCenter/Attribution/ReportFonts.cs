using PdfSharp.Fonts;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// The fonts the PDF exports are drawn with. PDFsharp finds no system fonts on Linux by itself: it is given Debian's
/// DejaVu Sans (package fonts-dejavu-core, which deploy/local installs), regular and bold, whatever family is asked for.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Folder = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver once per process (PDFsharp's setting is global and may be set only once).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver ??= new ReportFonts();
                _installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(Folder, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"The PDF export needs the font {path} (Debian package fonts-dejavu-core).", path);
    }
}
