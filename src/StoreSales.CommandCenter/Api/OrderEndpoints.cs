using System.Security.Claims;
using StoreSales.CommandCenter.Credit;
using StoreSales.Data.Credit;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// B2B orders (docs/domain.md "Credit hold"): placing one runs the credit check; a held order tells the rep why with the
/// figures, raises <c>credit-hold</c> for the supervisor and waits for its release in the approvals inbox.
/// </summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization();

        api.MapPost("", async Task<IResult> (HttpRequest request, OrderDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                await CreditEndpoints.WithBody<PlaceOrderRequest>(request, metrics, OrderDesk.PlaceOperation, body => desk.Place(user, body, ct), ct))
            .WithName("PlaceOrder")
            .WithSummary("Places a B2B order; the credit check accepts it or holds it with the reason and the figures")
            .WithDescription(
                "Placed by the customer's owner rep, its team's manager or an administrator (403 `rule`: `order-placer`); a customer out of scope "
                + "or unknown is 404. The order id is the caller's: the same order again answers 200 with `alreadyPlaced`: true; the same id with "
                + "other lines is 409 (`rule`: `order-id-taken`). 400 names the field: `orderId`, `customerId` (a member is no account), "
                + "`lines`, `lines[i].itemId|quantity|unitPrice`. The check: any receivable open more than `Credit:OverdueGraceDays` days past due, "
                + "or an amount above the remaining credit (limit − open receivables − orders not yet invoiced), holds the order (201 with `status`: "
                + "`held`, `warning` — e.g. \"overdue receivables ¥186,400, suggest holding shipment\" — the `check` figures and the customer's "
                + "`recentPayments`); its release request (`approvalId`) waits for `Orders:ReleaseApproverRole` (finance) in the approvals inbox, "
                + "and the region's field supervisor gets a `credit-hold` intervention. Otherwise 201 with `status`: `accepted`.")
            .Accepts<PlaceOrderRequest>("application/json")
            .Produces<OrderAnswer>(StatusCodes.Status201Created)
            .Produces<OrderAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{orderId}", async Task<IResult> (string orderId, OrderDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                (await desk.Find(user, orderId, ct) is { } order
                    ? new CreditResult.Done(OrderAnswer.Of(order, desk.ReleaseApproverRole))
                    : (CreditResult)new CreditResult.NotFound("order", orderId)).Answer(metrics, OrderDesk.ReadOperation))
            .WithName("GetOrder")
            .WithSummary("A B2B order: status (accepted, held, released, cancelled), its credit check and, once decided, who released or cancelled it and why")
            .WithDescription("Seen by finance and whoever may see the order's customer; an unknown order and one out of scope are 404 alike.")
            .Produces<OrderAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("", async Task<IResult> (string? status, string? customerId, int? limit, OrderDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (status is not null && !OrderStatuses.All.Contains(status))
                {
                    desk.ReadRefused("invalid_status");
                    return Results.ValidationProblem(
                        new Dictionary<string, string[]>(StringComparer.Ordinal) { ["status"] = [$"One of {string.Join(", ", OrderStatuses.All)}."] },
                        title: "Invalid order query");
                }

                var orders = await desk.List(user, status, customerId, Math.Clamp(limit ?? 100, 1, 500), ct);
                return Results.Ok(orders.Select(o => OrderAnswer.Of(o, desk.ReleaseApproverRole)).ToArray());
            })
            .WithName("ListOrders")
            .WithSummary("The B2B orders the viewer may see, newest first; `status=held` for those waiting for release")
            .WithDescription("`status` (accepted, held, released, cancelled), `customerId`, `limit` (1–500, default 100). Finance, HQ and administrators see every order.")
            .Produces<OrderAnswer[]>()
            .ProducesValidationProblem();

        return app;
    }
}
