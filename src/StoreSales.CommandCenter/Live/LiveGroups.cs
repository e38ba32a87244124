namespace StoreSales.CommandCenter.Live;

/// <summary>SignalR group names and message names: the hub's public contract.</summary>
public static class LiveGroups
{
    public const string ProgressUpdated = "ProgressUpdated";
    public const string RegionUpdated = "RegionUpdated";
    public const string InterventionChanged = "InterventionChanged";
    public const string RepBoardChanged = "RepBoardChanged";
    public const string MatchStatusChanged = "MatchStatusChanged";
    public const string HeatmapScanned = "HeatmapScanned";

    public static string Store(string storeId) => "store:" + storeId;

    public static string Region(string regionId) => "region:" + regionId;

    /// <summary>Scans that moved the hot items of a region's stores (<c>HeatmapScanned</c>, a list of <c>HeatmapScan</c>).</summary>
    public static string Heatmap(string regionId) => "heatmap:" + regionId;

    /// <summary>Alerts of a region's stores, for its field supervisors' inboxes.</summary>
    public static string Interventions(string regionId) => "interventions:" + regionId;

    /// <summary>Alerts assigned to one assignee (<c>finance</c>, <c>rep:{id}</c>, ...), for those who answer for it.</summary>
    public static string InterventionsFor(string assignee) => "interventions-for:" + assignee;

    /// <summary>A rep's board: who sees the rep's progress (<c>ViewerScope.CanSeeRep</c>) hears what changed on it.</summary>
    public static string Rep(string repId) => "rep:" + repId;

    /// <summary>A customer's three-way match status: who sees the customer's board lines (finance, whoever sees the customer) hears it change.</summary>
    public static string Match(string customerId) => "match:" + customerId;
}
