using System.Diagnostics.Metrics;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// A store's TV board only reads: every write to the API (anything but GET, HEAD and OPTIONS under <c>/api/</c>, signing in aside) by a
/// board sign-in is refused here with 403, before any endpoint reads its body. Each endpoint's own rule refused boards
/// too, but some only after validating the body, so a board saw 400 where the answer is "not yours to do" (found by the
/// authorization matrix); one gate makes the rule hold for every endpoint, a new one included.
/// </summary>
public sealed class BoardReadOnlyGate(RequestDelegate next, IMeterFactory meterFactory)
{
    public const string MeterName = "StoreSales.Access.Boards";

    private readonly Counter<long> _refused = meterFactory.Create(MeterName)
        .CreateCounter<long>("storesales.access.board_writes.refused", description: "API writes refused because the caller is a read-only store board, by method");

    public async Task InvokeAsync(HttpContext context)
    {
        // Signing in as someone else stays open to whoever holds the TV's cookie.
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            && !context.Request.Path.StartsWithSegments("/api/account", StringComparison.Ordinal)
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.User.Identity?.IsAuthenticated == true
            && context.User.ToViewerScope().IsReadOnly)
        {
            _refused.Add(1, new KeyValuePair<string, object?>("method", context.Request.Method));
            await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "A board is read-only",
                    detail: "A store board's sign-in may read its store's figures; it may not change anything.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
