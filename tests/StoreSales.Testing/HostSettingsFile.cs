using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace StoreSales.Testing;

/// <summary>
/// Each host under test reads its own appsettings.json. A test's output folder is shared by every project it references,
/// so one <c>appsettings.json</c> (whichever was copied last) sat there for the silo and the command center alike, and
/// options had to be bound loosely to tolerate the other host's keys. The test projects carry each host's file under
/// <c>hosts/NAME/appsettings.json</c> (StoreSales.Testing.csproj), and the host started in-process reads that one in its place.
/// </summary>
public static class HostSettingsFile
{
    public const string Silo = "silo";
    public const string CommandCenter = "command-center";

    /// <summary>Replaces the builder's <c>appsettings.json</c> source by the named host's own file, at the same precedence.</summary>
    public static void UseOwnAppSettings(this IConfigurationBuilder configuration, string host)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "hosts", host, "appsettings.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The {host}'s settings are not in the test output ({path}); see StoreSales.Testing.csproj.");
        }

        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: "appsettings.json" } shared)
            {
                var own = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = false };
                own.ResolveFileProvider();
                sources[i] = own;
                return;
            }
        }

        throw new InvalidOperationException("The host's builder has no appsettings.json source to replace.");
    }
}
