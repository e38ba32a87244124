using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Targets;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The demo chain with the targets' clock (<see cref="TargetClock"/>) on a <see cref="FakeTimeProvider"/> set after this
/// month's freeze day: the silo's grains keep real time, so this month is the month their boards show, and frozen; next
/// month is still open.
/// </summary>
public sealed class TargetChainFixture : ChainFixture
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public TargetChainFixture()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
        ThisMonth = new DateOnly(today.Year, today.Month, 1);
        // Noon on the 27th, Shanghai: past the default freeze (24:00 on the 25th), still this month.
        var afterFreeze = ThisMonth.AddDays(26).ToDateTime(new TimeOnly(12, 0));
        Clock = new FakeTimeProvider(new DateTimeOffset(afterFreeze, Shanghai.GetUtcOffset(afterFreeze)).ToUniversalTime());
    }

    public FakeTimeProvider Clock { get; }

    public DateOnly ThisMonth { get; }

    public DateOnly NextMonth => ThisMonth.AddMonths(1);

    protected override Task<CommandCenterUnderTest> StartCommandCenter() =>
        CommandCenterUnderTest.Start(Database, ClusterId, services: s => s.AddKeyedSingleton<TimeProvider>(TargetClock.Key, Clock));
}
