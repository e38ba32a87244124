namespace StoreSales.Domain.Targets.StoreEvents;

/// <summary>
/// What can happen to a store over a span of time (migration 0300's <c>store_event.kind</c>), and whether each kind
/// closes the store unless the recorder says otherwise. A promotion never closes it.
/// </summary>
public static class StoreEventKinds
{
    public const string WeatherClosure = "weather-closure";
    public const string Outage = "outage";
    public const string RoadWorks = "road-works";
    public const string Refit = "refit";
    public const string Promotion = "promotion";

    public static readonly IReadOnlyList<string> All = [WeatherClosure, Outage, RoadWorks, Refit, Promotion];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// Whether an event of this kind closes the store when the recorder does not say: a weather closure, an outage
    /// (tills down) and a refit do; road works usually only slow trade, so they close it only when said.
    /// </summary>
    public static bool ClosesByDefault(string kind) => kind is WeatherClosure or Outage or Refit;
}
