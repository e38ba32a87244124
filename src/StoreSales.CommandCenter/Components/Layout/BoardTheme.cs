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
}
