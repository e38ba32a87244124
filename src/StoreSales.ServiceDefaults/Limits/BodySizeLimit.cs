using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace StoreSales.ServiceDefaults.Limits;

/// <summary>
/// Bounds each request's body by its endpoint's kind (<see cref="BodySizeKind"/>): the server stops reading past it,
/// and the request is answered 413 with problem details naming the <c>Limits</c> key, counted. A declared length over
/// the limit is refused before a byte is read; a chunked body is refused when it crosses it.
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, IOptions<RequestLimitOptions> options, LimitMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var kind = http.GetEndpoint()?.Metadata.GetMetadata<BodySizeMetadata>()?.Kind ?? BodySizeKind.Other;
        var (max, key) = options.Value.BodyLimit(kind);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max;
        }

        if (http.Request.ContentLength > max)
        {
            await TooLarge(http, max, key);
            return;
        }

        try
        {
            await next(http);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
        {
            await TooLarge(http, max, key);
            return;
        }

        // A body bound by the framework (a [FromBody] parameter) ends as a bare 413 without an exception reaching here.
        if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
        {
            await TooLarge(http, max, key);
        }
    }

    private Task TooLarge(HttpContext http, long max, string key)
    {
        metrics.Refused(key, StatusCodes.Status413PayloadTooLarge);

        // The rest of the body is not read: the connection cannot carry another request, and the client must not try.
        http.Response.Headers.Connection = "close";
        return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request too large",
                detail: string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {key} ({max:N0} bytes); nothing of it was recorded. Send less at a time."),
                extensions: new Dictionary<string, object?> { ["limit"] = key, ["maxBytes"] = max })
            .ExecuteAsync(http);
    }
}
