using System.Text.RegularExpressions;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Deployment;

/// <summary>
/// The Dockerfiles of deploy/docker, read as text: no engine runs here and no base image can be pulled, so they are
/// never built on this machine (deploy/docker/README.md says so). What can be checked without building is checked.
/// </summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [InlineData("silo.Dockerfile", "src/StoreSales.Silo/StoreSales.Silo.csproj", "aspnet", "curl -fsS http://127.0.0.1:8080/health/ready")]
    [InlineData("commandcenter.Dockerfile", "src/StoreSales.CommandCenter/StoreSales.CommandCenter.csproj", "aspnet", "curl -fsS http://127.0.0.1:8080/health/ready")]
    [InlineData("edge.Dockerfile", "edge/StoreSales.Edge/StoreSales.Edge.csproj", "runtime", "\"StoreSales.Edge.dll\", \"doctor\"")]
    public void A_Dockerfile_publishes_its_project_in_the_sdk_image_and_runs_it_unprivileged_in_a_runtime_image_with_a_health_check(
        string dockerfile, string project, string runtimeImage, string healthCheck)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "docker", dockerfile));
        var stages = FromLine().Matches(text).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", $"mcr.microsoft.com/dotnet/{runtimeImage}:10.0"], stages);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project)), $"{dockerfile} publishes {project}, which does not exist");
        Assert.Contains($"dotnet publish {project}", text, StringComparison.Ordinal);
        var final = text[text.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        Assert.Contains("COPY --from=build /app .", final, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", final, StringComparison.Ordinal);
        Assert.Contains(healthCheck, final[final.IndexOf("HEALTHCHECK", StringComparison.Ordinal)..], StringComparison.Ordinal);
        // Every path the build stage copies exists (a renamed folder breaks the image, not this machine's build).
        Assert.All(CopyLine().Matches(text).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            path => Assert.True(Path.Exists(Path.Combine(RepositoryPaths.Root, path)), $"{dockerfile} copies {path}, which does not exist"));
    }

    [GeneratedRegex(@"^FROM (\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    /// <summary>The sources of a COPY from the build context (not --from), without its destination.</summary>
    [GeneratedRegex(@"^COPY (?!--)(.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();
}
