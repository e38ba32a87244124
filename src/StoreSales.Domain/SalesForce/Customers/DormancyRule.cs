namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// Dormant customers (沉睡客户): no activity for 30 days → the owner is reminded; 45 days → released to the public
/// pool; 180 days → dormant (training pool). Rule in docs/domain.md ("The sales force").
/// Days are calendar days in the chain's time zone, not elapsed 24-hour periods: "30 days without contact" is a
/// date the rep and the supervisor can read off a calendar, a customer's state changes at local midnight (before
/// the working day, never in the middle of it at the hour of a call a month ago), and the nightly jobs and the
/// live grains count the same way whatever hour they run.
/// </summary>
public static class DormancyRule
{
    /// <summary>Whether a recorded interaction of this kind keeps a customer active.</summary>
    public static bool CountsAsActivity(InteractionKind kind, DormancyOptions options) => options.ActivityKinds.Includes(kind);

    /// <summary>Whether a purchase keeps a customer of this kind active.</summary>
    public static bool PurchaseCounts(CustomerKind kind, DormancyOptions options) =>
        kind == CustomerKind.Account ? options.PurchaseCountsForAccounts : options.PurchaseCountsForMembers;

    /// <summary>The customer's dormancy at <paramref name="now"/>, with days counted in <paramref name="chainZone"/>.</summary>
    public static CustomerDormancy Evaluate(CustomerActivity activity, DateTimeOffset now, TimeZoneInfo chainZone, DormancyOptions options)
    {
        var last = activity.ClockStart;
        if (activity.LastInteractionAt is { } interaction && interaction > last)
        {
            last = interaction;
        }

        if (PurchaseCounts(activity.Kind, options) && activity.LastPurchaseAt is { } purchase && purchase > last)
        {
            last = purchase;
        }

        var days = Math.Max(0, ChainCalendar.DaysBetween(last, now, chainZone));
        var (state, nextAfterDays) = days switch
        {
            _ when days >= options.DormantAfterDays => (DormancyState.Dormant, (int?)null),
            _ when days >= options.ReleaseToPoolAfterDays => (DormancyState.ReleasedToPool, options.DormantAfterDays),
            _ when days >= options.FollowUpAfterDays => (DormancyState.FollowUpDue, options.ReleaseToPoolAfterDays),
            _ => (DormancyState.Active, options.FollowUpAfterDays),
        };

        var next = nextAfterDays is { } after
            ? ChainCalendar.StartOf(ChainCalendar.DateOf(last, chainZone).AddDays(after), chainZone)
            : (DateTimeOffset?)null;
        return new CustomerDormancy(state, days, last, next);
    }
}
