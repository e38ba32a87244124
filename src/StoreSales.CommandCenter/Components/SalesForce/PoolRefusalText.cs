using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Resources;
using StoreSales.CommandCenter.SalesForce;
using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.CommandCenter.Components.SalesForce;

/// <summary>
/// A refused claim in the rep's words, naming the rule as the API does (<c>not-in-pool</c>, <c>other-department</c>,
/// <c>former-owner-barred</c>, <c>daily-claim-cap</c>), with the setting's value where one decided it.
/// </summary>
public static class PoolRefusalText
{
    /// <summary>The rule's code (also the page's <c>data-rule</c>) and the sentence shown.</summary>
    public static (string Rule, string Text) Of(IStringLocalizer<Labels> texts, PoolPageClaim claim, string customerName, PoolClaimOptions options)
    {
        if (claim.Refusal is not { } refusal)
        {
            return claim.Unknown
                ? ("not-found", string.Format(CultureInfo.CurrentCulture, texts["SfPoolRefusedUnknown"], customerName))
                : ("not-a-rep", texts["SfPoolRefusedNotARep"]);
        }

        var rule = PoolEndpoints.RuleOf(refusal);
        var text = refusal switch
        {
            PoolClaimRefusal.NotInPool => string.Format(CultureInfo.CurrentCulture, texts["SfPoolRefusedNotInPool"], customerName, rule),
            PoolClaimRefusal.OtherDepartment => string.Format(CultureInfo.CurrentCulture, texts["SfPoolRefusedOtherDepartment"], customerName, rule),
            PoolClaimRefusal.FormerOwnerBarred => string.Format(CultureInfo.CurrentCulture, texts["SfPoolRefusedFormerOwnerBarred"], customerName, options.FormerOwnerBarredDays, rule),
            _ => string.Format(CultureInfo.CurrentCulture, texts["SfPoolRefusedDailyCap"], options.DailyClaimCap, rule),
        };
        return (rule, text);
    }
}
