using System.Text.Json;

namespace StoreSales.Edge;

/// <summary>The one JSON shape the agent writes: web defaults (camelCase), as the ingest API reads.</summary>
public static class EdgeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
