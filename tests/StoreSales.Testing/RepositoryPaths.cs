namespace StoreSales.Testing;

/// <summary>Files of the repository the tests use (the demo chain), found from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string DemoChain => Path.Combine(Root, "deploy", "local", "demo-chain.json");

    public static string DemoItems => Path.Combine(Root, "deploy", "local", "demo-items.csv");

    /// <summary>The edge agent's systemd unit: the runtime settings a store PC runs it with.</summary>
    public static string EdgeUnit => Path.Combine(Root, "deploy", "systemd", "storesales-edge.service");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StoreSales.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StoreSales.sln not found above " + AppContext.BaseDirectory);
    }
}
