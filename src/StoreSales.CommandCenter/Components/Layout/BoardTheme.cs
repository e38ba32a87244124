using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace StoreSales.CommandCenter.Components.Layout;

/// <summary>The command center's colours: the status colours match the board's red / yellow / green.</summary>
public static class BoardTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Success = "#1b7f3b",
            Warning = "#b7791f",
            Error = "#c53030",
            AppbarBackground = "#1a202c",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#63b3ed",
            Success = "#38a169",
            Warning = "#d69e2e",
            Error = "#e53e3e",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Noto Sans CJK SC", "sans-serif"] },
        },
    };

    /// <summary>The query parameter a TV's link carries to choose its theme: <c>?theme=light</c> for a bright shop.</summary>
    public const string ThemeParameter = "theme";

    /// <summary>Whether a kiosk address asks for the light theme (the kiosk is dark otherwise).</summary>
    public static bool IsLight(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && QueryHelpers.ParseQuery(uri.Query).TryGetValue(ThemeParameter, out var theme)
        && string.Equals(theme.ToString(), "light", StringComparison.OrdinalIgnoreCase);
}
