using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Components.Boards;

/// <summary>How a status reads on a board: colour is never the only signal, so each has a word and a symbol.</summary>
public static class BandLabel
{
    public static string CssClass(TargetBand band) => band switch
    {
        TargetBand.Green => "band-green",
        TargetBand.Yellow => "band-yellow",
        TargetBand.Red => "band-red",
        _ => "band-pending",
    };

    public static string Text(TargetBand band, PaceDirection direction) => (band, direction) switch
    {
        (TargetBand.Pending, _) => "Too early to tell",
        (TargetBand.Green, _) => "On pace",
        (TargetBand.Yellow, PaceDirection.OnPace) => "Near pace", // held yellow by hysteresis
        (_, PaceDirection.Behind) => band == TargetBand.Red ? "Far behind" : "Behind",
        (_, PaceDirection.Ahead) => band == TargetBand.Red ? "Far ahead: check target" : "Ahead",
        _ => "On pace",
    };

    public static string Symbol(TargetBand band, PaceDirection direction) => (band, direction) switch
    {
        (TargetBand.Pending, _) => "…",
        (TargetBand.Green, _) => "●",
        (_, PaceDirection.Behind) => "▼",
        (_, PaceDirection.Ahead) => "▲",
        _ => "●",
    };
}
