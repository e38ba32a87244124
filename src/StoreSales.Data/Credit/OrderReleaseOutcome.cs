using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Credit;

/// <summary>
/// An order-release request decided: approved releases the held order (it may ship), rejected cancels it, in the deciding
/// transaction, with the approver and their reason kept on the order. Pages showing orders hear of it after the commit
/// (<see cref="IOrderNotices"/>, when the host has one).
/// </summary>
public sealed class OrderReleaseOutcome(IOrderNotices? notices = null) : IApprovalOutcome
{
    public string Kind => ApprovalKinds.OrderRelease;

    public async Task Apply(ApprovalRequest decided, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The decision that settled it: for one required role the only one; a rejection among several is the one that rejects.
        var last = decided.Decisions.LastOrDefault(d => !d.Approve) ?? decided.Decisions[^1];
        await OrderBook.Decide(
            connection, transaction, decided.SubjectId, decided.Status == ApprovalStatus.Approved, last.DecidedBy, decided.DecidedAt ?? last.At, last.Reason, cancellationToken);
    }

    public Task AfterCommit(ApprovalRequest request, CancellationToken cancellationToken)
    {
        notices?.Changed(request.SubjectId, request.CustomerId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Told after the commit of every change of an order (placed, released, cancelled): the command center passes it on to
/// open order and credit pages. Best effort and never throwing; a page re-reads on its next notice or visit.
/// </summary>
public interface IOrderNotices
{
    void Changed(string orderId, string? customerId);
}
