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
public sealed class TargetChainFixture : IAsyncLifetime
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

    public TestDatabase Database { get; private set; } = null!;

    public SiloUnderTest Silo { get; private set; } = null!;

    public CommandCenterUnderTest CommandCenter { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var clusterId = "targets-" + Guid.NewGuid().ToString("N")[..8];
        Database = await TestDatabase.Create("targets");
        Silo = await SiloUnderTest.Start(Database, clusterId);
        CommandCenter = await CommandCenterUnderTest.Start(Database, clusterId, services: s => s.AddKeyedSingleton<TimeProvider>(TargetClock.Key, Clock));
    }

    public async ValueTask DisposeAsync()
    {
        if (CommandCenter is not null)
        {
            await CommandCenter.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
