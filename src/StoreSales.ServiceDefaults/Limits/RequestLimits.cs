using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data;

namespace StoreSales.ServiceDefaults.Limits;

/// <summary>
/// The <c>Limits</c> section at work in a host: a fixed-window rate limit per subject (the host says who a request
/// counts against: a store key, a person) answered 429 with Retry-After, and body sizes per endpoint kind answered 413
/// (<see cref="BodySizeLimit"/>); both as problem details naming the configuration key, both counted (<see cref="LimitMetrics"/>).
/// </summary>
public static class RequestLimits
{
    /// <summary>
    /// Binds and checks <c>Limits</c> at start and registers the limiter. <paramref name="subject"/> names who a request
    /// counts against, or null for a request no rate limit applies to (an anonymous one, a page of the circuit).
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, Func<HttpContext, RequestLimitOptions, RateSubject?> subject)
    {
        services.AddValidatedOptions<RequestLimitOptions>(RequestLimitOptions.SectionName, o => o.Validate());
        services.AddSingleton<LimitMetrics>();
        services.AddSingleton(_ => new RequestRateLimiter(PartitionedRateLimiter.Create<HttpContext, string>(http =>
            Subject(http, subject) is { } s
                ? RateLimitPartition.GetFixedWindowLimiter(s.Key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = s.Permits,
                    Window = s.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty)), subject));
        return services;
    }

    /// <summary>After authentication (a subject is a signed-in person or an authenticated store key) and before anything reads a body.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        // Not ASP.NET Core's UseRateLimiter: its middleware builds an endpoint limiter of its own and never disposes it, and
        // that limiter's timer kept every stopped host of a process alive (dotnet/aspnetcore#69259; each in-process test
        // host of a run stayed in memory, docs/benchmarks.md "The test suite's own cost"). No endpoint policies are used:
        // the one global limiter, the container's (disposed with the host), is applied here.
        var owner = app.Services.GetRequiredService<RequestRateLimiter>();
        app.Use(async (http, next) =>
        {
            using var lease = await owner.Limiter.AcquireAsync(http, 1, http.RequestAborted);
            if (lease.IsAcquired)
            {
                await next(http);
                return;
            }

            await TooMany(http, lease, Subject(http, owner.SubjectOf));
        });
        app.UseMiddleware<BodySizeLimit>();
        return app;
    }

    private static RateSubject? Subject(HttpContext http, Func<HttpContext, RequestLimitOptions, RateSubject?> subject) =>
        subject(http, http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value);

    private static Task TooMany(HttpContext http, RateLimitLease lease, RateSubject? subject)
    {
        var limit = subject?.Limit ?? RequestLimitOptions.SectionName;
        http.RequestServices.GetRequiredService<LimitMetrics>().Refused(limit, StatusCodes.Status429TooManyRequests);

        // Whole seconds, at least one: the rest of the window, when the limiter knows it.
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : subject?.Window ?? TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var allowance = subject is null ? "its allowance" : string.Create(CultureInfo.InvariantCulture, $"{subject.Permits} requests per {subject.Window}");
        return Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"The {subject?.Who ?? "client"} made more than {allowance} ({limit}); nothing of this request was done. Send it again in {seconds} s.",
                extensions: new Dictionary<string, object?> { ["limit"] = limit, ["retryAfterSeconds"] = seconds })
            .ExecuteAsync(http);
    }
}

/// <summary>The host's global limiter, owned by the container so that it is disposed with the host.</summary>
internal sealed class RequestRateLimiter(PartitionedRateLimiter<HttpContext> limiter, Func<HttpContext, RequestLimitOptions, RateSubject?> subjectOf) : IDisposable
{
    public PartitionedRateLimiter<HttpContext> Limiter { get; } = limiter;

    public Func<HttpContext, RequestLimitOptions, RateSubject?> SubjectOf { get; } = subjectOf;

    public void Dispose() => Limiter.Dispose();
}
