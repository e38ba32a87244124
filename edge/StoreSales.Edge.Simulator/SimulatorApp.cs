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
        await output.WriteLineAsync($"Simulating {options.Terminals.Count} terminal(s), {options.SalesPerMinute} sales/min each, {catalog.Count} items, seed {seed}");

        try
        {
            var runs = options.Terminals.Select((t, i) =>
                new TerminalSimulator(t, options, catalog, new Random(unchecked(seed + (i * 7919))), output).RunAsync(cancellationToken));
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
