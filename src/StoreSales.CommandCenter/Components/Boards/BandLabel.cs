using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Components.Boards;

/// <summary>
/// How a status reads on a board: colour is never the only signal, so each has a word (a key into the
/// <c>Labels</c> resources) and a symbol.
/// </summary>
public static class BandLabel
{
    public static string CssClass(TargetBand band) => band switch
    {
        TargetBand.Green => "band-green",
        TargetBand.Yellow => "band-yellow",
        TargetBand.Red => "band-red",
        _ => "band-pending",
    };

    /// <summary>The resource key of the status word.</summary>
    public static string TextKey(TargetBand band, PaceDirection direction) => (band, direction) switch
    {
        (TargetBand.Pending, _) => "BandPending",
        (TargetBand.Green, _) => "BandOnPace",
        (TargetBand.Yellow, PaceDirection.OnPace) => "BandNearPace", // held yellow by hysteresis
        (TargetBand.Red, PaceDirection.Behind) => "BandFarBehind",
        (_, PaceDirection.Behind) => "BandBehind",
        (TargetBand.Red, PaceDirection.Ahead) => "BandFarAhead",
        (_, PaceDirection.Ahead) => "BandAhead",
        _ => "BandOnPace",
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
