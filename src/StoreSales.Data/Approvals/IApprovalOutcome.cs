using Npgsql;

namespace StoreSales.Data.Approvals;

/// <summary>
/// What one kind of request does when it is decided (registered per <see cref="Kind"/>; docs/domain.md "Approvals"):
/// <see cref="Apply"/> runs in the deciding transaction, so a request and its subject (the opportunity's stage, the
/// quote's state, the order's hold) never disagree; <see cref="AfterCommit"/> tells live state (grains, boards) after it.
/// </summary>
public interface IApprovalOutcome
{
    string Kind { get; }

    /// <summary>The request reached approved or rejected; change the subject in <paramref name="transaction"/>.</summary>
    Task Apply(ApprovalRequest decided, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>After the commit of any decision (final or not): refresh live state. Failures are logged, never undo the decision.</summary>
    Task AfterCommit(ApprovalRequest request, CancellationToken cancellationToken);
}
