using StoreSales.CommandCenter.Live;
using StoreSales.Data.Credit;
using StoreSales.Domain.Approvals;

namespace StoreSales.CommandCenter.Credit;

/// <summary>
/// Tells this host's open order and credit pages that an order changed (placed, released, cancelled), so they re-read.
/// A placement is told by this host's <see cref="OrderDesk"/>; a hold, release or cancellation made on any host (or in the
/// silo) arrives as its order-release request's <c>approval_changed</c> notice, which names the order and the customer.
/// </summary>
public sealed class OrderNotices : IOrderNotices, IDisposable
{
    private readonly IDisposable _watch;

    public OrderNotices(ApprovalChangeListener approvals)
    {
        _watch = approvals.Watch(Relay);
    }

    public event Action<string, string?>? OrderChanged;

    public void Changed(string orderId, string? customerId) => OrderChanged?.Invoke(orderId, customerId);

    /// <summary>An order-release request filed or decided is a change of its order (held, released, cancelled).</summary>
    public void Relay(ApprovalChange change)
    {
        if (change.Kind == ApprovalKinds.OrderRelease && change.SubjectId is { Length: > 0 } orderId)
        {
            Changed(orderId, change.CustomerId);
        }
    }

    public void Dispose() => _watch.Dispose();
}
