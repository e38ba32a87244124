using System.Globalization;

[assembly: AssemblyFixture(typeof(StoreSales.Faults.Tests.Stack))]

// One stack for every fault, one fault at a time: two faults at once would blur each other's rows.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace StoreSales.Faults.Tests;

/// <summary>
/// How deploy/local/faults.sh runs the suite: <c>STORESALES_FAULTS=short</c> (the faults CI runs) or <c>full</c> (every
/// fault); unset, every fault is skipped, so the ordinary test run starts none of it. The other settings are the faults'
/// sizes, options of faults.sh.
/// </summary>
public static class FaultSuite
{
    public const string Switch = "STORESALES_FAULTS";

    public static string? Mode => Environment.GetEnvironmentVariable(Switch) is "short" or "full" ? Environment.GetEnvironmentVariable(Switch) : null;

    public static bool IsShort => Mode == "short";

    /// <summary>Skips the fault unless the suite runs it: every fault in the full form, <paramref name="inShortForm"/> ones in the short.</summary>
    public static void SkipUnlessRun(bool inShortForm) =>
        Assert.SkipUnless(
            Mode == "full" || (Mode == "short" && inShortForm),
            Mode is null ? $"The fault suite runs the whole stack: deploy/local/faults.sh runs it ({Switch}=short|full)." : "Not part of the short form (faults.sh without --short runs it).");

    /// <summary>How long PostgreSQL stays stopped (<c>faults.sh --pg-outage SECONDS</c>; 60 s, the short form 10 s).</summary>
    public static TimeSpan DatabaseOutage => TimeSpan.FromSeconds(Number("STORESALES_FAULTS_PG_OUTAGE", IsShort ? 10 : 60));

    /// <summary>Sales an agent takes while offline for a business day (<c>faults.sh --offline-sales N</c>; 50,000).</summary>
    public static int OfflineSales => Number("STORESALES_FAULTS_OFFLINE_SALES", 50_000);

    /// <summary>The PostgreSQL cluster faults.sh started (its folder and port), which the database outage stops and starts.</summary>
    public static string DatabaseFolder => Environment.GetEnvironmentVariable("STORESALES_FAULTS_PG_DIR")
        ?? throw new InvalidOperationException("STORESALES_FAULTS_PG_DIR is not set: run the suite with deploy/local/faults.sh.");

    public static string DatabasePort => Environment.GetEnvironmentVariable("STORESALES_FAULTS_PG_PORT")
        ?? throw new InvalidOperationException("STORESALES_FAULTS_PG_PORT is not set: run the suite with deploy/local/faults.sh.");

    /// <summary>Where each fault appends its row; faults.sh prints them as the table.</summary>
    public static string TableFile => Environment.GetEnvironmentVariable("STORESALES_FAULTS_TABLE")
        ?? Path.Combine(StoreSales.Testing.RepositoryPaths.Root, ".data", "faults", "rows.tsv");

    private static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
