using System.Text.Json;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Reads a JSON request body itself rather than through minimal-API binding, so that a body that is not the documented
/// shape (a date that is no date, a number for a string) is answered like every other refusal: a validation problem
/// naming the field, counted with its reason. The framework's own binding failure would be neither.
/// </summary>
public static class JsonBody
{
    /// <summary>The body, or the errors to answer with (keyed by the field the reader stopped at, else <c>body</c>).</summary>
    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> Read<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Error("body", "Send the request body as application/json."));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(cancellationToken);
            return value is null ? (null, Error("body", "The request body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return (null, Error(field, field == "body" ? "The request body is not JSON of the documented shape." : $"'{field}' is not a value of its documented type."));
        }
    }

    private static Dictionary<string, string[]> Error(string field, string message) =>
        new(StringComparer.Ordinal) { [field] = [message] };
}
