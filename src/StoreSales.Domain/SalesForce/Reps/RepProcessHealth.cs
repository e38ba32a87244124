using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// Rep process health, weekly (Monday to Sunday, chain time zone; <see cref="ChainCalendar.WeekStart"/>): leads
/// answered within 24 h ≥ 85 %, follow-up actions done by their due date ≥ 92 %, customer profiles complete ≥ 96 %
/// (the fields that count are configuration). Exactly at the target is met. A lead counts in the week its
/// 24-hour window closes, a follow-up in the week it is due, profiles as they are at the week's end; an item not
/// due yet is not counted. A team's shares pool its reps' counts (a rep with one lead does not weigh as much as one
/// with a hundred). Rule in docs/domain.md ("The sales force").
/// </summary>
public static class RepProcessHealth
{
    /// <summary>A lead's first response: in time (before assignment + 24 h), late, or still pending.</summary>
    /// <param name="assignedAt">When the lead was assigned.</param>
    /// <param name="firstContactAt">Its first contact (the golden-hours kinds), or null.</param>
    /// <param name="now">From the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="options">The response window.</param>
    public static ItemProgress LeadResponse(DateTimeOffset assignedAt, DateTimeOffset? firstContactAt, DateTimeOffset now, ProcessHealthOptions options)
    {
        var due = assignedAt + options.LeadResponseWithin;
        return firstContactAt is { } contacted ? (contacted < due ? ItemProgress.InTime : ItemProgress.Late)
            : now < due ? ItemProgress.Pending
            : ItemProgress.Late;
    }

    /// <summary>A follow-up action: done on or before its due date (chain calendar), late, or not due yet.</summary>
    public static ItemProgress FollowUp(DateOnly dueDate, DateTimeOffset? doneAt, DateTimeOffset now, TimeZoneInfo chainZone)
    {
        if (doneAt is { } done && ChainCalendar.DateOf(done, chainZone) <= dueDate)
        {
            return ItemProgress.InTime;
        }

        return ChainCalendar.DateOf(now, chainZone) > dueDate ? ItemProgress.Late : ItemProgress.Pending;
    }

    /// <summary>Whether a profile with these fields filled in is complete for its kind of customer.</summary>
    public static bool IsProfileComplete(ProfileFields filled, CustomerKind kind, ProcessHealthOptions options)
    {
        var required = kind == CustomerKind.Account ? options.AccountProfileFields : options.MemberProfileFields;
        return (filled & required) == required;
    }

    /// <summary>One rep's week against the targets.</summary>
    public static ProcessHealthReport Evaluate(ProcessHealthCounts week, ProcessHealthOptions options) => new(
    [
        Measure(ProcessMetric.LeadResponse, week.LeadsAnsweredInTime, week.LeadsDue, options.LeadResponseTarget),
        Measure(ProcessMetric.FollowUpClosure, week.FollowUpsClosed, week.FollowUpsDue, options.FollowUpClosureTarget),
        Measure(ProcessMetric.ProfileCompleteness, week.CompleteProfiles, week.Customers, options.ProfileCompletenessTarget),
    ]);

    /// <summary>A team's week: its reps' counts pooled, then measured as one.</summary>
    public static ProcessHealthReport Team(IEnumerable<ProcessHealthCounts> reps, ProcessHealthOptions options) =>
        Evaluate(reps.Aggregate(ProcessHealthCounts.Zero, (sum, rep) => sum + rep), options);

    private static MetricResult Measure(ProcessMetric metric, int done, int due, decimal target)
    {
        if (due <= 0)
        {
            return new MetricResult(metric, done, due, null, target, MetricVerdict.NoData);
        }

        var share = (decimal)done / due;
        return new MetricResult(metric, done, due, share, target, share >= target ? MetricVerdict.Met : MetricVerdict.Missed);
    }
}
