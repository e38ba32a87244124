using System.Diagnostics;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// The .NET runtime and C library settings (<c>Environment=DOTNET_…</c>, <c>MALLOC_…</c>) of the edge agent's systemd unit, given to an agent the benchmark
/// starts: its footprint is measured as a store PC runs it, not as a bare <c>dotnet</c> would.
/// </summary>
internal static class DeployedEdgeRuntime
{
    public static IReadOnlyList<KeyValuePair<string, string>> Settings { get; } = Read(RepositoryPaths.EdgeUnit);

    public static void ApplyTo(ProcessStartInfo start)
    {
        foreach (var (name, value) in Settings)
        {
            start.Environment[name] = value;
        }
    }

    /// <summary>Printed beside the figures, so a reader knows what they were measured with.</summary>
    public static string Describe() => Settings.Count == 0 ? "none" : string.Join(" ", Settings.Select(s => $"{s.Key}={s.Value}"));

    private static List<KeyValuePair<string, string>> Read(string unit) =>
        [.. File.ReadLines(unit)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("Environment=DOTNET_", StringComparison.Ordinal) || line.StartsWith("Environment=MALLOC_", StringComparison.Ordinal))
            .Select(line => line["Environment=".Length..].Split('=', 2))
            .Select(pair => KeyValuePair.Create(pair[0], pair[1]))];
}
