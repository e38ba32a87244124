using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Resources;
using StoreSales.Domain.Targets.StoreEvents;

namespace StoreSales.CommandCenter.Components.StoreEvents;

/// <summary>A store event's kind in the viewer's language; an unknown kind as its code.</summary>
public static class EventKindLabel
{
    public static string Of(IStringLocalizer<Labels> labels, string kind) => kind switch
    {
        StoreEventKinds.WeatherClosure => labels["EvKindWeatherClosure"],
        StoreEventKinds.Outage => labels["EvKindOutage"],
        StoreEventKinds.RoadWorks => labels["EvKindRoadWorks"],
        StoreEventKinds.Refit => labels["EvKindRefit"],
        StoreEventKinds.Promotion => labels["EvKindPromotion"],
        _ => kind,
    };
}
