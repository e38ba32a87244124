using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Resources;
using StoreSales.CommandCenter.Targets;
using StoreSales.Domain.Targets.Changes;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.CommandCenter.Components.Targets;

/// <summary>The decomposition page's words for factors, baseline sources, reasons and refusals (keys into <c>Labels</c>).</summary>
public static class DecompositionWords
{
    /// <summary>
    /// A freeze instant as the wall-clock time of the store it freezes at, with that store's UTC offset: the freeze rule
    /// is "24:00 store-local", so that is the time a manager recognises (<see cref="RegionTargetFreeze"/> keeps the
    /// store's offset in the instant it returns).
    /// </summary>
    public static string FreezeTime(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm} (UTC{at:zzz})");

    public static string FactorKey(string factor) => factor switch
    {
        DecompositionFactors.Trend => "TdFactorTrend",
        DecompositionFactors.InventoryTurnover => "TdFactorInventoryTurnover",
        DecompositionFactors.Promotions => "TdFactorPromotions",
        _ => "TdFactorClosures",
    };

    public static string SourceKey(BaselineSource source) => source switch
    {
        BaselineSource.RecentRunRate => "TdSourceRecentRunRate",
        BaselineSource.RegionAverage => "TdSourceRegionAverage",
        _ => "TdSourceLastYear",
    };

    public static string ReasonKey(string reason) => reason switch
    {
        CalibrationReasons.Staffing => "TdReasonStaffing",
        CalibrationReasons.NewCustomerPenetration => "TdReasonNewCustomerPenetration",
        CalibrationReasons.CompetitorNearby => "TdReasonCompetitorNearby",
        CalibrationReasons.RefitClosureDays => "TdReasonRefitClosureDays",
        _ => "TdReasonOther",
    };

    public static string StatusKey(string status) => status switch
    {
        "applied" => "TdStatusApplied",
        "superseded" => "TdStatusSuperseded",
        _ => "TdStatusOpen",
    };

    /// <summary>A refusal in the viewer's language, naming its rule; the server's sentence where no word is kept for it.</summary>
    public static string Refusal(IStringLocalizer<Labels> l, DecompositionRefusal refusal) => refusal.Rule switch
    {
        "amount" => l["TdRuleAmount"],
        "reasons" => l["TdRuleReasons"],
        "note" => l["TdRuleNote"],
        "hq-only" => l["TdRuleHqOnly"],
        "regional-manager-only" or "regional-manager-or-hq" => l["TdRuleManagerOnly"],
        "target-frozen" => l["TdRuleFrozen"],
        "proposal-closed" => l["TdRuleClosed"],
        "does-not-add-up" => string.Format(CultureInfo.CurrentCulture, l["TdRuleDoesNotAddUp"], Amount(refusal.Difference ?? 0m)),
        _ => refusal.Detail,
    };

    /// <summary>Money to the cent: decomposition adds up to the cent, so the page shows cents.</summary>
    public static string Amount(decimal amount) => amount.ToString("#,0.00", CultureInfo.CurrentCulture);
}
