using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.HandOvers;
using StoreSales.CommandCenter.Resources;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.Components.HandOvers;

/// <summary>The resource keys of offboarding's statuses, stages and gaps, and a duration worded for a countdown.</summary>
public static class HandOverWords
{
    public static string StatusKey(HandOverStatus status) => "HandOverStatus" + status;

    public static string StageKey(string stage) => "HandOverStage" + stage;

    /// <summary><c>stage-missing</c> → <c>HandOverGapStageMissing</c>.</summary>
    public static string GapKey(HandOverGap gap) => "HandOverGap" + gap;

    /// <summary>"2 d 3 h", "5 h 12 min", "40 min": the two largest units.</summary>
    public static string Span(TimeSpan span, IStringLocalizer<Labels> l)
    {
        var s = span < TimeSpan.Zero ? TimeSpan.Zero : span;
        return s.TotalDays >= 1
            ? string.Format(System.Globalization.CultureInfo.CurrentCulture, l["HandOverDaysHours"], (int)s.TotalDays, s.Hours)
            : s.TotalHours >= 1
                ? string.Format(System.Globalization.CultureInfo.CurrentCulture, l["HandOverHoursMinutes"], (int)s.TotalHours, s.Minutes)
                : string.Format(System.Globalization.CultureInfo.CurrentCulture, l["HandOverMinutes"], Math.Max(0, (int)s.TotalMinutes));
    }

    /// <summary>The gaps named by a refusal, worded: a 409's <c>gaps</c> or a 400's successor errors.</summary>
    public static IEnumerable<string> Explain(HandOverOutcome outcome, IStringLocalizer<Labels> l) => outcome switch
    {
        HandOverConflict { Facts: var facts } when facts.TryGetValue("gaps", out var gaps) && gaps is string[] names =>
            names.Select(n => l[GapKey(Enum.GetValues<HandOverGap>().First(g => HandOverRules.Of(g) == n))].Value),
        HandOverConflict c => [c.Detail],
        HandOverInvalid { Errors: var errors } => errors.Values.SelectMany(v => v).Select(message => Enum.GetValues<HandOverGap>()
            .FirstOrDefault(g => message.StartsWith(HandOverRules.Of(g) + ":", StringComparison.Ordinal)) is var gap && message.StartsWith(HandOverRules.Of(gap) + ":", StringComparison.Ordinal)
                ? l[GapKey(gap)].Value
                : message),
        HandOverForbidden f => [f.Detail],
        HandOverNotFound => [l["NotAllowedDetail"].Value],
        _ => [],
    };
}
