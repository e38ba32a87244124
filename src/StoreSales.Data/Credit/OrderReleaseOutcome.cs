using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Credit;

/// <summary>
/// An order-release request decided: approved releases the held order (it may ship), rejected cancels it, in the deciding
/// transaction, with the approver and their reason kept on the order. Pages showing orders hear of it from the request's
/// <c>approval_changed</c> notice at commit (migration 0410 names the order and customer), on every command-center host
/// alike, the deciding one included (the command center's <c>OrderNotices</c> relays it).
/// </summary>
public sealed class OrderReleaseOutcome : IApprovalOutcome
{
    public string Kind => ApprovalKinds.OrderRelease;

    public async Task Apply(ApprovalRequest decided, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The decision that settled it: for one required role the only one; a rejection among several is the one that rejects.
        var last = decided.Decisions.LastOrDefault(d => !d.Approve) ?? decided.Decisions[^1];
        await OrderBook.Decide(
            connection, transaction, decided.SubjectId, decided.Status == ApprovalStatus.Approved, last.DecidedBy, decided.DecidedAt ?? last.At, last.Reason, cancellationToken);
    }

    /// <summary>Nothing to tell here: the commit's notice reaches every host's pages (telling this host too would read twice).</summary>
    public Task AfterCommit(ApprovalRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Told after the commit of every change of an order (placed, released, cancelled): the command center passes it on to
/// open order and credit pages. Best effort and never throwing; a page re-reads on its next notice or visit.
/// </summary>
public interface IOrderNotices
{
    void Changed(string orderId, string? customerId);
}
