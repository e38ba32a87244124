using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Components.Boards;
using StoreSales.CommandCenter.Credit;
using StoreSales.Data.Credit;
using StoreSales.Domain.Credit;

namespace StoreSales.CommandCenter.Components.Credit;

/// <summary>
/// The credit check's verdicts and order statuses in the viewer's language (the API's sentences are English): the rule's
/// own figures, worded by the <c>Cr…</c> texts of the resources.
/// </summary>
public static class CreditWords
{
    /// <summary>Why an order was held ("Overdue receivables ¥186,400, suggest holding shipment"), or empty when it passed.</summary>
    public static string Hold(IStringLocalizer texts, CreditCheckAnswer check)
    {
        var overdue = Format(texts["CrHoldOverdue"], Money.Format(check.OverdueAmount));
        var limit = Format(texts["CrHoldLimit"], Money.Format(check.OrderAmount), Money.Format(check.Remaining), Money.Format(check.Limit), Money.Format(check.Used));
        return check.Outcome switch
        {
            "overdue" => overdue,
            "limit" => limit,
            "overdue-and-limit" => overdue + texts["CrAnd"] + limit,
            _ => "",
        };
    }

    /// <summary>Where a customer's credit stands today (the check for an order of zero).</summary>
    public static string Standing(IStringLocalizer texts, CreditPanelAnswer panel) => panel.Standing switch
    {
        "pass" => Format(texts["CrStandingPass"], Money.Format(panel.Remaining), Money.Format(panel.Limit)),
        "overdue" => Format(texts["CrHoldOverdue"], Money.Format(panel.OverdueAmount)),
        "limit" => Format(texts["CrStandingOverLimit"], Money.Format(panel.Used), Money.Format(panel.Limit)),
        _ => Format(texts["CrHoldOverdue"], Money.Format(panel.OverdueAmount)) + texts["CrAnd"] + Format(texts["CrStandingOverLimit"], Money.Format(panel.Used), Money.Format(panel.Limit)),
    };

    public static string StatusKey(string status) => status switch
    {
        OrderStatuses.Accepted => "CrStatusAccepted",
        OrderStatuses.Held => "CrStatusHeld",
        OrderStatuses.Released => "CrStatusReleased",
        OrderStatuses.Cancelled => "CrStatusCancelled",
        _ => status,
    };

    public static MudBlazor.Color StatusColour(string status) => status switch
    {
        OrderStatuses.Held => MudBlazor.Color.Warning,
        OrderStatuses.Cancelled => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Success,
    };

    /// <summary>The zero-order outcome of a panel, as the check's code (the page colours it).</summary>
    public static bool InGoodStanding(CreditPanelAnswer panel) => panel.Standing == CreditCheck.CodeOf(CreditOutcome.Pass);

    private static string Format(string text, params object[] values) => string.Format(CultureInfo.CurrentCulture, text, values);
}
