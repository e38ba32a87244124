using System.Text.Json;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// What every edge-agent endpoint under <c>/api/stores/{storeId}/…</c> checks alike: the store key must be the
/// path's store (403 otherwise), and the body must be readable JSON (400 validation problem details naming the field).
/// </summary>
public static class StoreRequests
{
    private const int MaxIdLength = 64;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>403 problem details when the authenticated store key belongs to another store than <paramref name="storeId"/>; null when it is the same.</summary>
    public static IResult? WrongStore(HttpContext http, string storeId)
    {
        var keyStore = http.User.FindFirst(StoreKeyAuthenticationHandler.StoreClaim)?.Value;
        return string.Equals(keyStore, storeId, StringComparison.Ordinal)
            ? null
            : Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Wrong store",
                detail: $"This store key belongs to '{keyStore}', not to '{storeId}'.");
    }

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>. On failure <see cref="BodyRead{T}.Problem"/> is a 400 validation
    /// problem titled <paramref name="title"/>, keyed by the JSON path at fault, and <see cref="BodyRead{T}.Reason"/>
    /// the metrics reason (<c>malformed_json</c>, <c>empty_body</c>).
    /// </summary>
    public static async Task<BodyRead<T>> ReadJson<T>(HttpContext http, string title, string what, CancellationToken cancellationToken)
        where T : class
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, JsonOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) ? "body" : exception.Path.TrimStart('$', '.');
            return new BodyRead<T>(
                null,
                Results.ValidationProblem(
                    new Dictionary<string, string[]> { [field] = [$"Not readable as JSON of the expected shape: {exception.Message}"] },
                    title: title),
                "malformed_json");
        }

        return body is null
            ? new BodyRead<T>(null, Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"{what} is required."] }, title: title), "empty_body")
            : new BodyRead<T>(body, null, null);
    }

    /// <summary>1–64 ASCII letters, digits, '-' or '_': terminal ids and the like.</summary>
    public static bool IsIdentifier(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxIdLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The message for a field that fails <see cref="IsIdentifier"/>.</summary>
    public static string IdentifierRule => $"Required: 1–{MaxIdLength} letters, digits, '-' or '_'.";
}

/// <summary>A request body read, or the problem to answer instead and its metrics reason.</summary>
public sealed record BodyRead<T>(T? Value, IResult? Problem, string? Reason)
    where T : class;
