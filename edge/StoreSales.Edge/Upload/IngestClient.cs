using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Upload;

/// <summary>
/// POSTs sale and scan batches and Z reports to the ingest API through a Polly pipeline: a circuit breaker on transient failures
/// (network errors, timeouts, 5xx, 408) and a timeout per attempt. No retry here: a failure goes back to
/// <see cref="UploadLoop{TItem}"/>, whose retry is the one layer (it sends the outbox's oldest batch again, with what
/// arrived meanwhile). Answers are sorted into an <see cref="UploadOutcome"/>; nothing here throws for an HTTP or
/// network problem. A 429 (the store's rate limit) is "busy": the pass fails with the server's Retry-After, nothing set
/// aside, and it is not a failure of the server (no circuit counts it). A 413 (the batch is larger than the server takes)
/// is <see cref="UploadOutcomeKind.TooLarge"/>: the uploader halves its batch. With several servers (<c>Agent:ServerUrls</c>) a batch the current server could not take (no answer,
/// timeout, 5xx, its circuit open) goes at once to the next one (<see cref="ServerFailover"/>), each server with a
/// circuit of its own; a refusal (4xx) or a busy answer (429) is the server's word and is not sent elsewhere.
/// </summary>
public sealed partial class IngestClient
{
    /// <summary>Name of the <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "StoreSales.Ingest";

    public const string StoreKeyHeader = "X-Store-Key";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger _logger;
    private readonly string _storeId;
    private readonly StoreKeySource _storeKey;
    private readonly ServerFailover _servers;
    private readonly Dictionary<Uri, ResiliencePipeline<HttpResponseMessage>> _pipelines;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxRetryDelay;

    public IngestClient(IHttpClientFactory httpClients, IOptions<AgentOptions> agent, IOptions<UploadOptions> upload, ServerFailover servers, StoreKeySource storeKey, ILogger<IngestClient> logger, TimeProvider time)
    {
        _servers = servers;
        _httpClients = httpClients;
        _logger = logger;
        _storeId = agent.Value.StoreId;
        _storeKey = storeKey;
        _time = time;
        _maxRetryDelay = upload.Value.MaxRetryDelay;
        _pipelines = servers.Servers.ToDictionary(server => server, server => BuildPipeline(server, upload.Value, time));
    }

    /// <summary><c>{ServerUrl}/api/stores/{StoreId}/sales/batches</c>.</summary>
    public static Uri BatchesUri(string serverUrl, string storeId) =>
        new($"{serverUrl.TrimEnd('/')}/api/stores/{Uri.EscapeDataString(storeId)}/sales/batches", UriKind.Absolute);

    /// <summary><c>{ServerUrl}/api/stores/{StoreId}/scans/batches</c>.</summary>
    public static Uri ScanBatchesUri(string serverUrl, string storeId) =>
        new($"{serverUrl.TrimEnd('/')}/api/stores/{Uri.EscapeDataString(storeId)}/scans/batches", UriKind.Absolute);

    /// <summary><c>{ServerUrl}/api/stores/{StoreId}/z-reports</c>.</summary>
    public static Uri ZReportsUri(string serverUrl, string storeId) =>
        new($"{serverUrl.TrimEnd('/')}/api/stores/{Uri.EscapeDataString(storeId)}/z-reports", UriKind.Absolute);

    public Task<UploadOutcome> SendAsync(SaleBatch batch, CancellationToken cancellationToken) =>
        PostAsync(JsonSerializer.SerializeToUtf8Bytes(batch, EdgeJson.Options), BatchesUri, BatchAcked, cancellationToken);

    /// <summary>Posts scans through the same servers, circuit breakers and attempt timeout as sales: one server, one health.</summary>
    public Task<UploadOutcome> SendAsync(ScanBatch batch, CancellationToken cancellationToken) =>
        PostAsync(JsonSerializer.SerializeToUtf8Bytes(batch, EdgeJson.Options), ScanBatchesUri, BatchAcked, cancellationToken);

    /// <summary>Posts one Z report through the same servers, circuit breakers and attempt timeout: 200 carries a <see cref="ZReportAck"/>.</summary>
    public Task<UploadOutcome> SendAsync(ZReportRecord z, CancellationToken cancellationToken) =>
        PostAsync(JsonSerializer.SerializeToUtf8Bytes(z, EdgeJson.Options), ZReportsUri, ZReportAcked, cancellationToken);

    /// <summary>Sends the body to the current server, and on to the next ones while a server is down; the last outcome.</summary>
    private async Task<UploadOutcome> PostAsync(byte[] body, Func<string, string, Uri> target, Func<HttpResponseMessage, CancellationToken, Task<UploadOutcome>> acked, CancellationToken cancellationToken)
    {
        var server = _servers.Current;
        UploadOutcome outcome = null!;
        for (var tried = 0; tried < _servers.Servers.Count; tried++)
        {
            outcome = await SendToAsync(server, target(server.ToString(), _storeId), body, acked, cancellationToken);
            if (!ServerFailover.ServerDown(outcome) || cancellationToken.IsCancellationRequested)
            {
                return outcome;
            }

            server = _servers.Failed(server, outcome.Detail ?? "failed");
        }

        return outcome;
    }

    private async Task<UploadOutcome> SendToAsync(Uri server, Uri uri, byte[] body, Func<HttpResponseMessage, CancellationToken, Task<UploadOutcome>> acked, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipelines[server].ExecuteAsync(
                static async (state, token) =>
                {
                    var (self, content, uri) = state;
                    using var request = new HttpRequestMessage(HttpMethod.Post, uri);
                    request.Content = new ByteArrayContent(content);
                    request.Content.Headers.ContentType = Json;
                    // Read for each attempt: a key rotated meanwhile goes with the next request (Agent:StoreKeyFile).
                    request.Headers.Add(StoreKeyHeader, self._storeKey.Current);
                    return await self._httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                (this, body, uri),
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            return new UploadOutcome(UploadOutcomeKind.Failed, Detail: "circuit open after repeated failures", RetryAfter: ex.RetryAfter);
        }
        catch (TimeoutRejectedException)
        {
            return new UploadOutcome(UploadOutcomeKind.Failed, Detail: "timed out");
        }
        catch (HttpRequestException ex)
        {
            return new UploadOutcome(UploadOutcomeKind.Failed, Detail: ex.Message);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await acked(response, cancellationToken);
                case HttpStatusCode.BadRequest:
                case HttpStatusCode.UnprocessableEntity:
                case HttpStatusCode.Conflict: // sequence-conflict: a sale of the batch reuses a recorded sequence with other content
                    return new UploadOutcome(UploadOutcomeKind.Rejected, Detail: await ReadProblemAsync(response, cancellationToken), StatusCode: status);
                case HttpStatusCode.Unauthorized:
                case HttpStatusCode.Forbidden:
                    return new UploadOutcome(UploadOutcomeKind.Unauthorized, Detail: await ReadProblemAsync(response, cancellationToken), StatusCode: status);
                case HttpStatusCode.RequestEntityTooLarge: // Limits:MaxIngestBodyBytes: the content is fine, there is too much of it
                    return new UploadOutcome(UploadOutcomeKind.TooLarge, Detail: await ReadProblemAsync(response, cancellationToken), StatusCode: status);
                case HttpStatusCode.TooManyRequests: // the store's rate limit: wait as told, then the same batch again
                    return new UploadOutcome(UploadOutcomeKind.Failed, Detail: $"busy, HTTP 429: {await ReadProblemAsync(response, cancellationToken)}", StatusCode: status, RetryAfter: RetryAfter(response, _time, _maxRetryDelay));
                default:
                    // The server's Retry-After is waited out by the uploader, up to Upload:MaxRetryDelay so a wrong header
                    // cannot silence a store for a day.
                    var retryAfter = RetryAfter(response, _time, _maxRetryDelay);
                    return new UploadOutcome(UploadOutcomeKind.Failed, Detail: $"HTTP {status}: {await ReadProblemAsync(response, cancellationToken)}", StatusCode: status, RetryAfter: retryAfter);
            }
        }
    }

    private static async Task<UploadOutcome> BatchAcked(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadJsonAsync<BatchAck>(response, cancellationToken) is { } ack
            ? new UploadOutcome(UploadOutcomeKind.Acked, Ack: ack, StatusCode: (int)response.StatusCode)
            : new UploadOutcome(UploadOutcomeKind.Failed, Detail: "200 without a batch ack body", StatusCode: (int)response.StatusCode);

    private static async Task<UploadOutcome> ZReportAcked(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadJsonAsync<ZReportAck>(response, cancellationToken) is { } ack
            ? new UploadOutcome(UploadOutcomeKind.Acked, ZReport: ack, StatusCode: (int)response.StatusCode)
            : new UploadOutcome(UploadOutcomeKind.Failed, Detail: "200 without a Z report ack body", StatusCode: (int)response.StatusCode);

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(Uri server, UploadOptions options, TimeProvider time)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => IsTransient(r.StatusCode));

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = transient,
            FailureRatio = 0.5,
            MinimumThroughput = 8,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                LogCircuitOpened(_logger, _storeId, server, args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(_logger, _storeId, server);
                return ValueTask.CompletedTask;
            },
        });

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout;

    /// <summary>The server's Retry-After (seconds or a date), when it gave one of at most <paramref name="atMost"/>; otherwise the backoff decides.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan atMost)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } d && d > TimeSpan.Zero ? (d <= atMost ? d : atMost) : null;
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(EdgeJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The RFC 7807 detail (or title) of an error answer; the raw body's start when it is not problem details.</summary>
    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["detail", "title"])
                {
                    if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s)
                    {
                        // A validation problem has no detail: its errors name the fields, and they are the reason kept.
                        return name == "title" && ValidationErrors(json.RootElement) is { Length: > 0 } errors ? $"{s}: {errors}" : s;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the raw text.
        }

        var raw = text.Trim();
        return raw.Length == 0 ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" : raw.Length <= 500 ? raw : raw[..500] + "…";
    }

    /// <summary>A validation problem's <c>errors</c> as "field: message; field: message", or null.</summary>
    private static string? ValidationErrors(JsonElement problem)
    {
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var parts = errors.EnumerateObject()
            .Select(field => $"{field.Name}: {string.Join(" ", field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(m => m.ToString()) : [field.Value.ToString()])}");
        return string.Join("; ", parts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: too many upload failures at {Server}, its circuit open for {BreakDuration}")]
    private static partial void LogCircuitOpened(ILogger logger, string storeId, Uri server, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: upload circuit of {Server} closed again")]
    private static partial void LogCircuitClosed(ILogger logger, string storeId, Uri server);
}
