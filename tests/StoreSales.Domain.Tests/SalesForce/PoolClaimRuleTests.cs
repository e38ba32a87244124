using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class PoolClaimRuleTests
{
    private static readonly PoolClaimOptions Defaults = new();
    private static readonly DateTimeOffset Now = ChainTime.At(2026, 11, 11, 10, 0);
    private static readonly PoolEntry InPool = new("C-1001", "b2b-east", true, "rep-7", Now.AddDays(-60));

    public static TheoryData<string, PoolEntry, string, string, int, PoolClaimRefusal?> Cases => new()
    {
        // because, entry, rep, rep's department, claims today, refusal
        { "in the pool, same department, none claimed today", InPool, "rep-1", "b2b-east", 0, null },
        { "not in the pool", InPool with { InPool = false }, "rep-1", "b2b-east", 0, PoolClaimRefusal.NotInPool },
        { "another department", InPool, "rep-1", "retail-north", 0, PoolClaimRefusal.OtherDepartment },
        { "4 claimed today: the 5th is allowed", InPool, "rep-1", "b2b-east", 4, null },
        { "5 claimed today: the cap", InPool, "rep-1", "b2b-east", 5, PoolClaimRefusal.DailyCapReached },
        { "the former owner 29 days after the release", InPool with { ReleasedAt = Now.AddDays(-29) }, "rep-7", "b2b-east", 0, PoolClaimRefusal.FormerOwnerBarred },
        { "the former owner 30 days after the release", InPool with { ReleasedAt = Now.AddDays(-30) }, "rep-7", "b2b-east", 0, null },
        { "another rep the day of the release", InPool with { ReleasedAt = Now.AddHours(-1) }, "rep-1", "b2b-east", 0, null },
        { "not in the pool comes first", InPool with { InPool = false }, "rep-1", "retail-north", 5, PoolClaimRefusal.NotInPool },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_claim_is_allowed_or_refused_naming_the_rule(string because, PoolEntry entry, string repId, string department, int claimedToday, PoolClaimRefusal? refusal)
    {
        var claims = Enumerable.Range(0, claimedToday).Select(i => Now.AddMinutes(-10 * (i + 1))).ToList();

        var verdict = PoolClaimRule.Decide(entry, new PoolClaimant(repId, department, claims), Now, ChainTime.Zone, Defaults);

        Assert.True(refusal == verdict.Refusal, $"{because}: {verdict.Reason}");
        Assert.Equal(refusal is null, verdict.IsAllowed);
        Assert.Equal(refusal is null, verdict.Reason is null);
    }

    [Fact]
    public void The_daily_cap_counts_the_chains_calendar_day()
    {
        // Five claims yesterday evening (local) do not count today; the day turns at local midnight, not UTC's.
        var morning = ChainTime.At(2026, 11, 11, 0, 5);
        var lastNight = Enumerable.Range(1, 5).Select(i => morning.AddMinutes(-10 * i)).ToList();

        var verdict = PoolClaimRule.Decide(InPool, new PoolClaimant("rep-1", "b2b-east", lastNight), morning, ChainTime.Zone, Defaults);

        Assert.True(verdict.IsAllowed);
    }

    [Fact]
    public void The_reason_names_the_setting()
    {
        var verdict = PoolClaimRule.Decide(InPool, new PoolClaimant("rep-1", "b2b-east", [Now, Now, Now]), Now, ChainTime.Zone, Defaults with { DailyClaimCap = 3 });

        Assert.Equal(PoolClaimRefusal.DailyCapReached, verdict.Refusal);
        Assert.Contains("SalesForce:Pool:DailyClaimCap = 3", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bar_of_zero_days_lets_the_former_owner_claim_at_once()
    {
        var released = InPool with { ReleasedAt = Now.AddMinutes(-1) };

        Assert.True(PoolClaimRule.Decide(released, new PoolClaimant("rep-7", "b2b-east", []), Now, ChainTime.Zone, Defaults with { FormerOwnerBarredDays = 0 }).IsAllowed);
    }

    [Theory]
    [InlineData(5, 30, true)]
    [InlineData(0, 30, false)]
    [InlineData(5, -1, false)]
    [InlineData(1, 0, true)]
    public void Options_are_validated(int cap, int barredDays, bool valid) =>
        Assert.Equal(valid, new PoolClaimOptions { DailyClaimCap = cap, FormerOwnerBarredDays = barredDays }.Validate() is null);
}
