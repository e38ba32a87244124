namespace StoreSales.Grains.Tests;

/// <summary>
/// Real time moved to a chosen moment: the clock keeps running (Orleans' own timers and leases behave normally)
/// but the store sees the day and hour the test needs.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset pretendNow) : TimeProvider
{
    private readonly TimeSpan _offset = pretendNow - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
}
