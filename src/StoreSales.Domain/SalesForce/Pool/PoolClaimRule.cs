using System.Globalization;

namespace StoreSales.Domain.SalesForce.Pool;

/// <summary>
/// Claiming a customer from the public pool (公海): only a customer in the pool, only by a rep of its department,
/// not by the rep it was released from for 30 days, and at most 5 claims per rep per day. Days are calendar days
/// in the chain's time zone, as for dormancy. Checked in that order; the first broken rule is the verdict. That a
/// claim is decided once (50 reps claiming one customer: one wins) is the job of the transaction that calls it
/// (`Data/Pool/PoolClaims`: row locks), not this rule's.
/// Rule in docs/domain.md ("The sales force").
/// </summary>
public static class PoolClaimRule
{
    public static PoolClaimVerdict Decide(PoolEntry entry, PoolClaimant rep, DateTimeOffset now, TimeZoneInfo chainZone, PoolClaimOptions options)
    {
        if (!entry.InPool)
        {
            return PoolClaimVerdict.Refused(PoolClaimRefusal.NotInPool, $"Customer {entry.CustomerId} is not in the public pool.");
        }

        if (!string.Equals(entry.Department, rep.Department, StringComparison.Ordinal))
        {
            return PoolClaimVerdict.Refused(
                PoolClaimRefusal.OtherDepartment,
                $"Customer {entry.CustomerId} belongs to department {entry.Department}; only its reps may claim it (rep {rep.RepId} is in {rep.Department}).");
        }

        if (entry.ReleasedFromRepId == rep.RepId && entry.ReleasedAt is { } released)
        {
            var barredUntil = ChainCalendar.DateOf(released, chainZone).AddDays(options.FormerOwnerBarredDays);
            if (ChainCalendar.DateOf(now, chainZone) < barredUntil)
            {
                return PoolClaimVerdict.Refused(
                    PoolClaimRefusal.FormerOwnerBarred,
                    $"Rep {rep.RepId} released customer {entry.CustomerId} to the pool and may claim it back from {barredUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({PoolClaimOptions.SectionName}:{nameof(options.FormerOwnerBarredDays)} = {options.FormerOwnerBarredDays}).");
            }
        }

        var today = ChainCalendar.DateOf(now, chainZone);
        var claimedToday = rep.RecentClaims.Count(at => ChainCalendar.DateOf(at, chainZone) == today);
        return claimedToday >= options.DailyClaimCap
            ? PoolClaimVerdict.Refused(
                PoolClaimRefusal.DailyCapReached,
                $"Rep {rep.RepId} has claimed {claimedToday} customers today, the daily cap ({PoolClaimOptions.SectionName}:{nameof(options.DailyClaimCap)} = {options.DailyClaimCap}).")
            : PoolClaimVerdict.Allowed;
    }
}
