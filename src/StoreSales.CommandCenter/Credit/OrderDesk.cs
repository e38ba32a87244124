using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Credit;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.CommandCenter.Credit;

/// <summary>
/// B2B orders for the API and the pages (docs/domain.md "Credit hold"): placed by whoever may act for the customer
/// (<see cref="CreditAccessRule.CanPlaceOrder"/>), judged by the credit check in <see cref="OrderBook"/>; a held order
/// warns the rep in the answer, raises <c>credit-hold</c> for the supervisor (<see cref="CreditHoldAlerts"/>) and waits
/// for its release request in the approvals inbox. Read by everyone who sees the customer, and by finance.
/// </summary>
public sealed class OrderDesk(
    CustomerLookup customers,
    OrderBook orders,
    IChainDirectory directory,
    CreditHoldAlerts alerts,
    CreditMetrics metrics,
    OrderNotices notices,
    IOptions<OrderOptions> options)
{
    public const string PlaceOperation = "order";
    public const string ReadOperation = "order-read";

    public string ReleaseApproverRole => options.Value.ReleaseApproverRole;

    public async Task<CreditResult> Place(ClaimsPrincipal user, PlaceOrderRequest body, CancellationToken cancellationToken)
    {
        var (draft, errors) = OrderRule.Check(body.OrderId, body.CustomerId, body.Lines, options.Value);
        if (draft is null)
        {
            return new CreditResult.Invalid(errors);
        }

        var viewer = user.ToViewerScope();
        var customer = await customers.Find(draft.CustomerId, cancellationToken);
        var owner = customer is null || customer.InPool ? "" : customer.OwnerRepId;
        if (customer is null || !CreditAccessRule.CanSee(viewer, owner, customer.DepartmentId, customer.OwnerStoreId))
        {
            return new CreditResult.NotFound("customer", draft.CustomerId);
        }

        if (!CreditAccessRule.CanPlaceOrder(viewer, owner, customer.DepartmentId, customer.OwnerStoreId))
        {
            return new CreditResult.NotAllowed("order-placer", $"Orders of customer '{customer.CustomerId}' are placed by its owner rep, its team's manager or an administrator.");
        }

        if (customer.Kind != CustomerKind.Account)
        {
            return NotAnAccount(customer.CustomerId);
        }

        switch (await orders.Place(draft, user.Identity?.Name ?? "unknown", cancellationToken))
        {
            case OrderPlacement.Placed { Existing: true } again:
                return new CreditResult.Done(OrderAnswer.Of(again.Order, ReleaseApproverRole, again.RecentPayments, alreadyPlaced: true));
            case OrderPlacement.Placed placed:
                if (placed.Order.Check.Held)
                {
                    metrics.Held(placed.Order.Check.Code);
                    await alerts.Raise(placed.Order, customer.OwnerStoreId, placed.RecentPayments);
                }

                notices.Changed(placed.Order.OrderId, placed.Order.CustomerId);
                return new CreditResult.Done(OrderAnswer.Of(placed.Order, ReleaseApproverRole, placed.RecentPayments), $"/api/orders/{placed.Order.OrderId}");
            case OrderPlacement.Changed changed:
                return new CreditResult.Conflict(
                    "order-id-taken",
                    "Order id taken",
                    $"Order '{draft.OrderId}' is already placed for customer '{changed.Existing.CustomerId}' with other lines or amount: an order is never changed; place a new one.",
                    new Dictionary<string, object?> { ["orderId"] = draft.OrderId });
            case OrderPlacement.UnknownCustomer:
                return new CreditResult.NotFound("customer", draft.CustomerId);
            case OrderPlacement.NotAnAccount:
                return NotAnAccount(draft.CustomerId);
            default:
                throw new InvalidOperationException("Unexpected order placement.");
        }
    }

    /// <summary>The order when the viewer may see its customer (finance: every order); null for an unknown order and one out of scope alike.</summary>
    public async Task<OrderRecord?> Find(ClaimsPrincipal user, string orderId, CancellationToken cancellationToken)
    {
        var order = await orders.Find(orderId, cancellationToken);
        return order is not null && (await Visible(user.ToViewerScope(), [order], cancellationToken)).Count == 1 ? order : null;
    }

    /// <summary>The orders the viewer may see, newest first (of one status and customer when given).</summary>
    public async Task<IReadOnlyList<OrderRecord>> List(ClaimsPrincipal user, string? status, string? customerId, int limit, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var scope = CreditAccessRule.SeesAllOrders(viewer)
            ? null
            : new OrderScope(viewer.RepId, viewer.Departments.Union(viewer.Stores).ToList(), viewer.Stores.ToList());
        var found = await orders.List(status, customerId, scope, limit, cancellationToken);
        var visible = await Visible(viewer, found, cancellationToken);
        metrics.Accepted(ReadOperation);
        return visible;
    }

    /// <summary>Counts a refusal of a read (unknown order, bad query).</summary>
    public void ReadRefused(string reason) => metrics.Rejected(ReadOperation, reason);

    private async Task<IReadOnlyList<OrderRecord>> Visible(ViewerScope viewer, IReadOnlyList<OrderRecord> found, CancellationToken cancellationToken)
    {
        var stores = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var rep in found.Select(o => o.OwnerRepId).Distinct(StringComparer.Ordinal))
        {
            stores[rep] = (await directory.FindRep(rep, cancellationToken))?.StoreId;
        }

        return [.. found.Where(o => CreditAccessRule.CanSee(viewer, o.OwnerRepId, o.DepartmentId, stores[o.OwnerRepId]))];
    }

    private static CreditResult.Invalid NotAnAccount(string customerId) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["customerId"] = [$"Customer '{customerId}' is a member, not a B2B account: B2B orders are for accounts."] });
}
