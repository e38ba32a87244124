using System.Runtime.CompilerServices;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// A stopped silo and command center leave nothing behind: their services are collectable once disposed. Until
/// 2026-12-07 every host stayed reachable after its DisposeAsync (ASP.NET Core's rate-limiting middleware never disposes
/// the limiter it builds, whose timer sits in the process-wide timer queue), ~70 MB each: a test process that started
/// hundreds grew to 10 GB, and a command center restarted in place would too (docs/benchmarks.md, "The test suite's own
/// cost"). The most recent host may stay referenced by process-wide caches until the next one replaces it, so the
/// first of two is the one checked.
/// </summary>
public sealed class HostLifetimeTests
{
    [Fact]
    public async Task A_silo_and_command_center_that_were_stopped_are_freed()
    {
        await using var database = await TestDatabase.Create("lifetime");
        var first = await StartAndStop(database);
        _ = await StartAndStop(database);

        var freed = await Eventually.Until(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return !first.Silo.IsAlive && !first.CommandCenter.IsAlive;
        });

        Assert.True(freed, $"after both were disposed, still alive: silo {first.Silo.IsAlive}, command center {first.CommandCenter.IsAlive}");
    }

    // Not inlined: no local of the caller may keep a host reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(WeakReference Silo, WeakReference CommandCenter)> StartAndStop(TestDatabase database)
    {
        var clusterId = "lifetime-" + Guid.NewGuid().ToString("N")[..8];
        var silo = await SiloUnderTest.Start(database, clusterId);
        var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);
        var references = (new WeakReference(silo.Services), new WeakReference(commandCenter.Services));
        await commandCenter.DisposeAsync();
        await silo.DisposeAsync();
        return references;
    }
}
