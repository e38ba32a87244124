using System.Collections.Immutable;
using Microsoft.Playwright;
using StoreSales.Abstractions.Live;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Testing;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

// One system and one browser serve every test: starting them is most of the run's time on two cores, and tests
// that run one at a time keep the "within a second" waits honest on a busy machine.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>
/// The running system the browser tests look at: a fresh demo-chain database, the real silo (ingest API) and the
/// real command center on a Kestrel port, plus one headless Chromium. Each test opens its own
/// <see cref="BrowserSession"/> (a fresh browser context: no cookies or storage shared between tests).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private TestDatabase? _database;
    private SiloUnderTest? _silo;
    private CommandCenterUnderTest? _commandCenter;

    /// <summary>A terminal of store-sh002 counted by its scans (HqHeatmapTests): no other test uses it.</summary>
    public const string ScanSourcedTerminal = "HS1";

    public string ClusterId { get; } = "browser-" + Guid.NewGuid().ToString("N")[..8];

    public TestDatabase Database => _database ?? throw NotStarted();

    public SiloUnderTest Silo => _silo ?? throw NotStarted();

    public CommandCenterUnderTest CommandCenter => _commandCenter ?? throw NotStarted();

    public async ValueTask InitializeAsync()
    {
        // First, so that on a machine without the browser every test reports what to install, before anything else starts.
        DebianChromium.EnsureInstalled();
        // Chromium starts while the database and hosts do; kept even if they fail, so that disposing closes it.
        var browser = LaunchBrowser();
        try
        {
            _database = await TestDatabase.Create("browser");
            // The scan-vs-receipt check every second over a 1-minute window (LossPreventionAlertTests); one scan-sourced
            // terminal (HqHeatmapTests); defaults otherwise.
            _silo = await SiloUnderTest.Start(_database, ClusterId, new Dictionary<string, string?>
            {
                ["LossPrevention:CheckInterval"] = "00:00:01",
                ["LossPrevention:ScanToReceiptWindow"] = "00:01:00",
                ["HotItems:ScanSourcedTerminals:store-sh002:0"] = ScanSourcedTerminal,
            });
            _commandCenter = await CommandCenterUnderTest.Start(_database, ClusterId);
            await WaitForLiveListeners(1);
        }
        finally
        {
            _browser = await browser;
        }

        Console.WriteLine($"Browser test screenshots: {Screenshots.Folder}");
    }

    /// <summary>A fresh browser context and page on the command center, with this test's screenshots.</summary>
    public Task<BrowserSession> OpenSession() => OpenSession(CommandCenter.BaseAddress);

    /// <summary>The same on another command center (see <see cref="StartAnotherCommandCenter"/>).</summary>
    public async Task<BrowserSession> OpenSession(Uri baseAddress)
    {
        var browser = _browser ?? throw NotStarted();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
        });
        // Playwright's own 30 s per step: a limit only a broken page reaches. 10 s failed a step on a CI run whose two cores
        // the browser tests shared with the end-to-end tests (the admin page's circuit re-rendered the link after 10 s).
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(InteractiveRender.RememberPrerenderedElements);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, baseAddress);
    }

    /// <summary>
    /// A second command center on the same cluster and database, listening for live updates, for a test that must
    /// stop one without taking the shared one away from the others, or needs other settings or services (say, a
    /// targets clock of its own, <c>TargetClock.Key</c>). The caller disposes it.
    /// </summary>
    public async Task<CommandCenterUnderTest> StartAnotherCommandCenter(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var listeners = (await LiveListeners()).Length;
        var another = await CommandCenterUnderTest.Start(Database, ClusterId, settings, services);
        await WaitForLiveListeners(listeners + 1);
        return another;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_commandCenter is not null)
        {
            await _commandCenter.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The stores in master data now, of one region or all, as the pages should list them.</summary>
    public async Task<IReadOnlyList<string>> StoreIds(string? regionId)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        return (await Dapper.SqlMapper.QueryAsync<string>(
            connection,
            "SELECT store_id FROM store WHERE @regionId::text IS NULL OR region_id = @regionId ORDER BY store_id",
            new { regionId })).ToList();
    }

    /// <summary>
    /// Asserts that a page lists exactly the stores of master data (one region or all). Other tests of this assembly
    /// open stores of their own while a test runs, so what the page read must lie between master data read before
    /// and after it.
    /// </summary>
    public async Task<IReadOnlySet<string>> AssertListsTheStoresOfMasterData(string? regionId, Func<Task<IEnumerable<string>>> readPage)
    {
        var before = (await StoreIds(regionId)).ToHashSet();
        var listed = (await readPage()).ToHashSet();
        var after = (await StoreIds(regionId)).ToHashSet();
        Assert.Superset(before, listed);
        Assert.Subset(after, listed);
        return listed;
    }

    private async Task<IBrowser> LaunchBrowser()
    {
        _playwright = await Playwright.CreateAsync();
        return await DebianChromium.Launch(_playwright);
    }

    private Task<ImmutableArray<ILiveBoardObserver>> LiveListeners() =>
        Silo.Grains().GetGrain<ILiveBoardDirectoryGrain>(0).GetObservers();

    /// <summary>
    /// A command center pushes a sale to its pages only once it has subscribed to the silos' live updates, which it
    /// does in the background after starting: a board opened before that would wait for the next renewal.
    /// </summary>
    private async Task WaitForLiveListeners(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await LiveListeners()).Length < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The command center did not subscribe to live updates within 20 s ({count} listener(s) expected).");
            }

            await Task.Delay(50);
        }
    }

    private static InvalidOperationException NotStarted() => new("The browser fixture has not started (see its first error).");
}
