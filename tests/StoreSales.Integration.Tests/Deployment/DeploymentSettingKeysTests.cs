using System.Text.Json;
using System.Text.RegularExpressions;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Deployment;

/// <summary>
/// Every setting the Dockerfiles, the compose file and the Kubernetes manifests pass (an environment variable
/// <c>Section__Key</c>) is a key the programs know: a misspelt one is silently ignored by the host, and the default
/// it meant to change stays in force.
/// </summary>
public sealed partial class DeploymentSettingKeysTests
{
    private static readonly string[] Deployables = ["src/StoreSales.Silo", "src/StoreSales.CommandCenter", "edge/StoreSales.Edge"];

    [Fact]
    public void Every_setting_passed_by_docker_and_kubernetes_files_is_a_key_of_an_appsettings_json()
    {
        var known = Deployables
            .SelectMany(p => Keys(JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, p, "appsettings.json"))).RootElement, ""))
            .ToList();
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "deploy", "docker"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "deploy", "k8s")))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith("Dockerfile", StringComparison.Ordinal))
            .ToList();

        var passed = files.SelectMany(f => SettingName().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Value.Replace("__", ":", StringComparison.Ordinal))))
            .ToList();

        Assert.NotEmpty(passed);
        Assert.Contains(passed, s => s.Key == "Orleans:KubernetesHosting");
        Assert.Empty(passed.Where(s => !Known(s.Key)).Select(s => $"{s.File}: {s.Key}"));

        bool Known(string key) =>
            known.Any(k => string.Equals(k.Path, key, StringComparison.OrdinalIgnoreCase)
                // Under a list (Terminals: []), the items' keys are the list's to define.
                || (k.IsArray && key.StartsWith(k.Path + ":", StringComparison.OrdinalIgnoreCase)));
    }

    private static IEnumerable<(string Path, bool IsArray)> Keys(JsonElement element, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
            yield return (path, property.Value.ValueKind == JsonValueKind.Array);
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var child in Keys(property.Value, path))
                {
                    yield return child;
                }
            }
        }
    }

    /// <summary>An ASP.NET Core setting as an environment variable: capitalised words joined by double underscores.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]*(?:__[A-Za-z0-9]+)+\b")]
    private static partial Regex SettingName();
}
