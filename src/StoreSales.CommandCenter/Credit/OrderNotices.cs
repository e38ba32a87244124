using StoreSales.Data.Credit;

namespace StoreSales.CommandCenter.Credit;

/// <summary>
/// Tells this host's open order and credit pages that an order changed (placed, released, cancelled), so they re-read.
/// In-process: a page open on another command-center host sees the change at its next read.
/// </summary>
public sealed class OrderNotices : IOrderNotices
{
    public event Action<string, string?>? OrderChanged;

    public void Changed(string orderId, string? customerId) => OrderChanged?.Invoke(orderId, customerId);
}
