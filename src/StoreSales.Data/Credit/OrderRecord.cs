using StoreSales.Domain.Credit;

namespace StoreSales.Data.Credit;

/// <summary>The status names of an order as stored and shown by the API.</summary>
public static class OrderStatuses
{
    /// <summary>Passed the credit check when placed.</summary>
    public const string Accepted = "accepted";

    /// <summary>Held by the credit check; waits for its release (an order-release approval request).</summary>
    public const string Held = "held";

    /// <summary>Held, then released by its approver: accepted after all.</summary>
    public const string Released = "released";

    /// <summary>Held, then its release was refused: it will not ship.</summary>
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Accepted, Held, Released, Cancelled];
}

/// <summary>A B2B order as kept, with the credit check it was judged by and, once held, its release decision.</summary>
public sealed record OrderRecord(
    string OrderId,
    string CustomerId,
    string CustomerName,
    string OwnerRepId,
    string DepartmentId,
    string? RegionId,
    decimal Amount,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    string Status,
    CreditVerdict Check,
    string PlacedBy,
    DateTimeOffset PlacedAt,
    long? ApprovalId,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason)
{
    /// <summary>Accepted when placed or released after its hold: the order may ship.</summary>
    public bool MayShip => Status is OrderStatuses.Accepted or OrderStatuses.Released;
}

/// <summary>What placing an order came to.</summary>
public abstract record OrderPlacement
{
    private OrderPlacement()
    {
    }

    /// <summary>Placed now (accepted or held), or found placed before with the same content (<see cref="Existing"/>).</summary>
    public sealed record Placed(OrderRecord Order, bool Existing, IReadOnlyList<PaymentRecord> RecentPayments) : OrderPlacement;

    /// <summary>The order id is taken by an order with another customer, amount or lines: refused, nothing changed.</summary>
    public sealed record Changed(OrderRecord Existing) : OrderPlacement;

    /// <summary>No such customer, or it was merged into another.</summary>
    public sealed record UnknownCustomer : OrderPlacement;

    /// <summary>The customer is a member: B2B orders are for accounts.</summary>
    public sealed record NotAnAccount : OrderPlacement;
}
