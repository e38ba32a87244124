using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Resources;
using StoreSales.CommandCenter.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.CommandCenter.Components.Targets;

/// <summary>
/// What a target change on the page did, in the person's words, naming the rule as the API does (<c>frozen</c>,
/// <c>own-request</c> …): the page's <c>data-rule</c> and the sentence shown.
/// </summary>
public static class TargetOutcomeText
{
    public static (string Rule, string Text) Refusal(IStringLocalizer<Labels> texts, TargetOutcome outcome, string approverRole)
    {
        if (outcome.Unknown)
        {
            return ("not-found", texts["TgRefusedUnknown"]);
        }

        if (outcome.Forbidden is not null)
        {
            return ("not-setter", texts["TgRefusedNotSetter"]);
        }

        var refused = outcome.Refused!;
        var text = refused.Refusal switch
        {
            TargetRefusal.Negative => texts["TgRefusedNegative"].Value,
            TargetRefusal.NotInCents => texts["TgRefusedNotInCents"].Value,
            TargetRefusal.ReasonMissing => texts["TgRefusedReasonMissing"].Value,
            TargetRefusal.Frozen => texts["TgRefusedFrozen"].Value,
            TargetRefusal.NotFrozen => texts["TgRefusedNotFrozen"].Value,
            TargetRefusal.NotApprover => string.Format(CultureInfo.CurrentCulture, texts["TgRefusedNotApprover"], texts[Resources.CodeWords.RoleKey(approverRole)]),
            TargetRefusal.OwnRequest => texts["TgRefusedOwnRequest"].Value,
            TargetRefusal.AlreadyDecided => texts["TgRefusedAlreadyDecided"].Value,
            _ => refused.Reason,
        };
        return (refused.Rule, text);
    }
}
