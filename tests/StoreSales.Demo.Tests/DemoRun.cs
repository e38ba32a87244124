[assembly: AssemblyFixture(typeof(StoreSales.Demo.Tests.DemoRun))]

namespace StoreSales.Demo.Tests;

/// <summary>
/// One run of <c>deploy/local/up.sh</c> for every check of the demo: each would otherwise start its own dozen processes,
/// and two demos starting at once on two cores make each other's waits a matter of luck. Started only with
/// <c>STORESALES_DEMO_CHECK=1</c> (deploy/local/test.sh runs this project once a lane of test projects is free); without it every
/// check is skipped and nothing starts.
/// </summary>
public sealed class DemoRun : IAsyncLifetime
{
    public const string Switch = "STORESALES_DEMO_CHECK";

    private DemoUnderTest? _demo;

    public static bool Enabled => Environment.GetEnvironmentVariable(Switch) == "1";

    /// <summary>The running demo; skips the calling check when the demo switch is off.</summary>
    public DemoUnderTest Demo
    {
        get
        {
            Assert.SkipUnless(Enabled, $"Runs the whole demo for minutes: deploy/local/test.sh runs it once a lane is free, with {Switch}=1.");
            return _demo ?? throw new InvalidOperationException("The demo did not start: see the fixture's failure.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (Enabled)
        {
            _demo = await DemoUnderTest.Start(TimeSpan.FromMinutes(5));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }
    }
}
