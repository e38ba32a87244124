using System.Globalization;
using System.Text.Json;
using StoreSales.Domain.Demo;

namespace StoreSales.Edge.Simulator;

/// <summary>The simulator's entry point, callable in-process (tests) as well as from <c>Main</c>.</summary>
public static class SimulatorApp
{
    /// <returns>0 when done, 1 on a port or file problem, 2 on a usage error.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        output = TextWriter.Synchronized(output);
        error = TextWriter.Synchronized(error);
        if (!SimulatorOptions.TryParse(args, out var options, out var problem))
        {
            if (!string.IsNullOrEmpty(problem))
            {
                await error.WriteLineAsync($"error: {problem}");
            }

            await error.WriteLineAsync(SimulatorOptions.Usage);
            return 2;
        }

        if (!File.Exists(options!.CatalogPath))
        {
            await error.WriteLineAsync($"error: catalog {options.CatalogPath} not found");
            return 1;
        }

        var catalog = Catalog.Load(options.CatalogPath, out var skipped);
        foreach (var line in skipped)
        {
            await error.WriteLineAsync($"warning: catalog {line}; skipped");
        }

        if (catalog.Count == 0)
        {
            await error.WriteLineAsync($"error: catalog {options.CatalogPath} has no usable items");
            return 1;
        }

        var seed = options.Seed ?? Random.Shared.Next();
        StoreRhythm? rhythm = null;
        if (options.Store is { } store)
        {
            DemoStoreProfile? profile;
            try
            {
                profile = DemoStoreProfile.Read(store.ChainPath, store.StoreId);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException or FormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                await error.WriteLineAsync($"error: demo chain {store.ChainPath}: {ex.Message}");
                return 1;
            }

            if (profile is null)
            {
                await error.WriteLineAsync($"error: demo chain {store.ChainPath} has no store {store.StoreId}");
                return 1;
            }

            rhythm = new StoreRhythm(profile, catalog, options.Terminals.Count, store, seed);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Simulating {store.StoreId}: {options.Terminals.Count} terminal(s), monthly target {profile.MonthlyTarget:0}, pace {profile.Pace:0.00}, open {profile.Hours.Opens:HH:mm}-{profile.Hours.Closes:HH:mm}, {catalog.Count} items by popularity, {store.HotItems} hot item(s) at {store.HotLift:0.#}x for {store.HotFor}, seed {seed}"));
        }
        else
        {
            await output.WriteLineAsync($"Simulating {options.Terminals.Count} terminal(s), {options.SalesPerMinute} sales/min each, {catalog.Count} items, seed {seed}");
        }

        try
        {
            var runs = options.Terminals.Select((t, i) =>
                new TerminalSimulator(t, options, catalog, new Random(unchecked(seed + (i * 7919))), output, rhythm, announceHotItems: i == 0).RunAsync(cancellationToken));
            var sold = await Task.WhenAll(runs);
            await output.WriteLineAsync($"Done: {sold.Sum()} sales");
            return 0;
        }
        catch (SimulatorException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}
