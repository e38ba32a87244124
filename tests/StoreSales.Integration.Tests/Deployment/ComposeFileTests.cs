using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Deployment;

/// <summary>
/// deploy/docker/compose.yaml as Docker Compose reads it (<c>config</c>: the client only; no engine runs here). Runs
/// where Compose is installed (the docker plugin or the standalone docker-compose); elsewhere it says so and checks
/// nothing.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy", "docker");

    [Fact]
    public async Task Compose_config_accepts_the_file_with_its_secrets_set_and_refuses_it_without_the_database_password()
    {
        var filled = new Dictionary<string, string?> { ["POSTGRES_PASSWORD"] = "pw-for-the-check", ["STORE_KEY"] = "key-for-the-check" };
        var empty = new Dictionary<string, string?> { ["POSTGRES_PASSWORD"] = null, ["STORE_KEY"] = "key-for-the-check" };

        var accepted = await Config(filled);
        if (accepted is null)
        {
            TestContext.Current.TestOutputHelper!.WriteLine("Docker Compose is not installed: deploy/docker/compose.yaml was not checked.");
            return;
        }

        Assert.True(accepted.ExitCode == 0, $"compose config refused compose.yaml: {accepted.Error}");
        Assert.All(["postgres:", "silo:", "commandcenter:", "edge:", "service_healthy"], text => Assert.Contains(text, accepted.Output, StringComparison.Ordinal));
        Assert.Contains("Password=pw-for-the-check", accepted.Output, StringComparison.Ordinal);

        var refused = (await Config(empty))!;
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("POSTGRES_PASSWORD", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>The Compose plugin of docker if there is one, else the standalone docker-compose; null without either.</summary>
    private static async Task<CommandLineTool.Result?> Config(IReadOnlyDictionary<string, string?> environment)
    {
        // --profile store: the edge agent's service is checked too.
        var plugin = await CommandLineTool.Run("docker", ["compose", "-f", "compose.yaml", "--profile", "store", "config"], Folder, environment);
        if (plugin is not null && !plugin.Error.Contains("unknown shorthand flag", StringComparison.Ordinal) && !plugin.Error.Contains("is not a docker command", StringComparison.Ordinal))
        {
            return plugin;
        }

        return await CommandLineTool.Run("docker-compose", ["-f", "compose.yaml", "--profile", "store", "config"], Folder, environment);
    }
}
