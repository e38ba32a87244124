namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// The font the PDF exports are drawn with (<c>Reports:Pdf</c>, docs/domain.md "Attribution report"). It must carry Chinese:
/// the chains' store and region names are Chinese and zh-CN readers get Chinese labels. Default: Debian's WenQuanYi Micro
/// Hei (package fonts-wqy-microhei, which deploy/local installs), which also has the Latin letters and digits.
/// </summary>
public sealed record ReportFontOptions
{
    public const string SectionName = "Reports:Pdf";

    /// <summary>A TrueType font (.ttf) or collection (.ttc) with CJK glyphs. Default /usr/share/fonts/truetype/wqy/wqy-microhei.ttc.</summary>
    public string FontPath { get; init; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    /// <summary>Which font of a collection (.ttc) to use, from 0. Default 0 (WenQuanYi Micro Hei, not its Mono face).</summary>
    public int FontIndex { get; init; }

    /// <summary>Describes the first invalid setting, or null when the options are usable. A missing file fails the start.</summary>
    public string? Validate() =>
        string.IsNullOrWhiteSpace(FontPath) ? $"{SectionName}:{nameof(FontPath)} must name a TrueType font with Chinese glyphs."
        : !File.Exists(FontPath) ? $"{SectionName}:{nameof(FontPath)} '{FontPath}' does not exist: the PDF export needs a font with Chinese glyphs (apt-get install fonts-wqy-microhei, or point {nameof(FontPath)} at another .ttf/.ttc)."
        : FontIndex is < 0 or > 63 ? $"{SectionName}:{nameof(FontIndex)} must be between 0 and 63 (is {FontIndex})."
        : null;
}
