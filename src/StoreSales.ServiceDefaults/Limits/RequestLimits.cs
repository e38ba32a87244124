using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
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
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Subject(http, subject) is { } s
                    ? RateLimitPartition.GetFixedWindowLimiter(s.Key, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = s.Permits,
                        Window = s.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) => TooMany(context, Subject(context.HttpContext, subject)).AsValueTask();
        });
        return services;
    }

    /// <summary>After authentication (a subject is a signed-in person or an authenticated store key) and before anything reads a body.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseMiddleware<BodySizeLimit>();
        return app;
    }

    private static RateSubject? Subject(HttpContext http, Func<HttpContext, RequestLimitOptions, RateSubject?> subject) =>
        subject(http, http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value);

    private static Task TooMany(OnRejectedContext context, RateSubject? subject)
    {
        var http = context.HttpContext;
        var limit = subject?.Limit ?? RequestLimitOptions.SectionName;
        http.RequestServices.GetRequiredService<LimitMetrics>().Refused(limit, StatusCodes.Status429TooManyRequests);

        // Whole seconds, at least one: the rest of the window, when the limiter knows it.
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : subject?.Window ?? TimeSpan.FromSeconds(1);
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

    private static ValueTask AsValueTask(this Task task) => new(task);
}
