using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.CommandCenter.Components.Attribution;

/// <summary>The label key of a cause's kind (a store-event kind or one of <see cref="GapCauses"/>); an unknown kind shows as itself.</summary>
public static class CauseLabel
{
    public static string Key(string kind) => kind switch
    {
        "weather-closure" => "CauseWeatherClosure",
        "outage" => "CauseOutage",
        "road-works" => "CauseRoadWorks",
        "refit" => "CauseRefit",
        GapCauses.PromotionShortfall => "CausePromotionShortfall",
        GapCauses.RedInterventionOverdue => "CauseRedInterventionOverdue",
        GapCauses.TillOffline => "CauseTillOffline",
        GapCauses.CalibrationProvedWrong => "CauseCalibrationProvedWrong",
        _ => kind,
    };
}
