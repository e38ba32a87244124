using Dapper;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Quotes;

/// <summary>
/// A quote's approval decided (docs/domain.md "Quotes"): in the deciding transaction the submitted version becomes
/// approved or rejected. A version superseded meanwhile had its request withdrawn, so it is never decided.
/// </summary>
public sealed class QuoteOutcome : IApprovalOutcome
{
    public string Kind => ApprovalKinds.Quote;

    public async Task Apply(ApprovalRequest decided, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var slash = decided.SubjectId.LastIndexOf('/');
        var number = decided.SubjectId[..slash];
        var version = int.Parse(decided.SubjectId[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE quote_version SET status = @status, decided_at = @at WHERE quote_number = @number AND version = @version AND status = 'submitted'",
            new { status = decided.Status == ApprovalStatus.Approved ? "approved" : "rejected", at = decided.DecidedAt, number, version },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Nothing to tell here: the commit's <c>approval_changed</c> notice names the version (migration 0410) and reaches every host's open quote page.</summary>
    public Task AfterCommit(ApprovalRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
}
