using System.Collections.Immutable;
using System.Text.Json;
using StoreSales.Domain.Access;

namespace StoreSales.Data.Customers.Import;

/// <summary>
/// The importer's scope as a job keeps it (<c>customer_import_job.importer</c>): the rows are judged in the background,
/// long after the request, by what the importer could do when they uploaded the file.
/// </summary>
public static class ImporterScope
{
    public static string ToJson(ViewerScope viewer) => JsonSerializer.Serialize(new Stored(
        [.. viewer.Roles.Order(StringComparer.Ordinal)],
        [.. viewer.Regions.Order(StringComparer.Ordinal)],
        [.. viewer.Stores.Order(StringComparer.Ordinal)],
        [.. viewer.Departments.Order(StringComparer.Ordinal)],
        viewer.RepId));

    public static ViewerScope FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("An import job has no importer.");
        return ViewerScope.Of(stored.Roles, stored.Regions, stored.Stores) with
        {
            Departments = stored.Departments.ToImmutableHashSet(StringComparer.Ordinal),
            RepId = stored.RepId,
        };
    }

    private sealed record Stored(string[] Roles, string[] Regions, string[] Stores, string[] Departments, string? RepId);
}
