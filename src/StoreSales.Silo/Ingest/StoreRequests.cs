using System.Globalization;
using System.Text.Json;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// What every edge-agent endpoint under <c>/api/stores/{storeId}/…</c> checks alike (<see cref="Admit{T}"/>): the store key
/// must be the path's store (403 otherwise), the body must be readable JSON and keep its kind's rules (400 validation
/// problem details naming the field), each refusal counted by reason; and how each of them says "busy" (<see cref="Busy"/>).
/// </summary>
public static partial class StoreRequests
{
    private const int MaxIdLength = 64;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The request's body when the store key is the path's store and the body is a <typeparamref name="T"/> that keeps
    /// <paramref name="body"/>'s rules; otherwise the problem to answer (403, or 400 naming the field), its reason given to
    /// <paramref name="reject"/> (the endpoint's rejection counter) and a rule breach logged.
    /// </summary>
    public static async Task<BodyRead<T>> Admit<T>(HttpContext http, string storeId, StoreBody<T> body, Action<string> reject, ILogger logger, CancellationToken cancellationToken)
        where T : class
    {
        if (WrongStore(http, storeId) is { } forbidden)
        {
            reject("wrong_store");
            return new BodyRead<T>(null, forbidden, "wrong_store");
        }

        var read = await ReadJson<T>(http, $"Malformed {body.Name}", $"A {body.Name}", cancellationToken);
        if (read.Problem is not null)
        {
            reject(read.Reason!);
            return read;
        }

        var errors = body.Validate(read.Value!);
        if (errors.Count == 0)
        {
            return read;
        }

        reject(body.InvalidReason);
        LogRejected(logger, storeId, body.Name, body.Describe(read.Value!), string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return new BodyRead<T>(null, Results.ValidationProblem(errors, title: $"Invalid {body.Name}"), body.InvalidReason);
    }

    /// <summary>
    /// 503 "Busy" with Retry-After in whole seconds (rounded up): nothing of the request was recorded, and the agent
    /// sends it again after the delay, as it does for a 429.
    /// </summary>
    public static IResult Busy(HttpContext http, TimeSpan retryAfter, string why)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Busy",
            detail: $"{why} Nothing of this batch was recorded; send it again after the delay given.");
    }

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
    /// the metrics reason (<c>malformed_json</c>, <c>empty_body</c>; <c>body_too_slow</c> or <c>body_incomplete</c> when the
    /// body itself cannot be read).
    /// </summary>
    public static async Task<BodyRead<T>> ReadJson<T>(HttpContext http, string title, string what, CancellationToken cancellationToken)
        where T : class
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, JsonOptions, cancellationToken);
        }
        catch (BadHttpRequestException unreadable) when (unreadable.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            // A body that stalls (a slow-loris client: Kestrel's MinRequestBodyDataRate) or ends before its length. Counted
            // like any refusal; Kestrel closes the connection, so the answer may not reach the client. Too large is
            // BodySizeLimit's to answer (413, Limits:MaxIngestBodyBytes).
            var slow = unreadable.StatusCode == StatusCodes.Status408RequestTimeout;
            return new BodyRead<T>(
                null,
                Results.Problem(
                    statusCode: unreadable.StatusCode,
                    title: title,
                    detail: slow ? $"{what} arrived too slowly; nothing of it was recorded." : $"{what} ended before its declared length; nothing of it was recorded."),
                slow ? "body_too_slow" : "body_incomplete");
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: {What} {Which} rejected: {Errors}")]
    private static partial void LogRejected(ILogger logger, string storeId, string what, string? which, string errors);
}

/// <summary>A request body read, or the problem to answer instead and its metrics reason.</summary>
public sealed record BodyRead<T>(T? Value, IResult? Problem, string? Reason)
    where T : class;
