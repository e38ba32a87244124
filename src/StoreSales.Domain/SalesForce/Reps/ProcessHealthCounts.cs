namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// One rep's week, counted (by the Data layer, set-based, with the classifications of <see cref="RepProcessHealth"/>).
/// A team's week is the sum of its reps'.
/// </summary>
/// <param name="LeadsDue">Leads whose response window closed in the week.</param>
/// <param name="LeadsAnsweredInTime">Of those, the ones with a first response inside the window.</param>
/// <param name="FollowUpsDue">Follow-up actions due in the week.</param>
/// <param name="FollowUpsClosed">Of those, the ones done by their due date.</param>
/// <param name="Customers">Customers the rep owns at the end of the week.</param>
/// <param name="CompleteProfiles">Of those, the ones whose profile is complete.</param>
public sealed record ProcessHealthCounts(int LeadsDue, int LeadsAnsweredInTime, int FollowUpsDue, int FollowUpsClosed, int Customers, int CompleteProfiles)
{
    public static readonly ProcessHealthCounts Zero = new(0, 0, 0, 0, 0, 0);

    public static ProcessHealthCounts operator +(ProcessHealthCounts left, ProcessHealthCounts right) => new(
        left.LeadsDue + right.LeadsDue,
        left.LeadsAnsweredInTime + right.LeadsAnsweredInTime,
        left.FollowUpsDue + right.FollowUpsDue,
        left.FollowUpsClosed + right.FollowUpsClosed,
        left.Customers + right.Customers,
        left.CompleteProfiles + right.CompleteProfiles);
}
