using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>
/// What a contract-entry decision does (docs/domain.md "Opportunities"): approved, the waiting opportunity enters the
/// contract stage in the deciding transaction (the move kept with the approval and who approved, by the rep who asked),
/// unless it was moved meanwhile; rejected, it stays where it is and the rejection with its reason shows on the
/// opportunity. After every decision the opportunity's grain and open pages hear of it.
/// </summary>
public sealed class ContractEntryOutcome(IOptions<OpportunityOptions> options, TimeProvider clock, OpportunityChanges changes) : IApprovalOutcome
{
    public string Kind => ApprovalKinds.ContractEntry;

    public async Task Apply(ApprovalRequest decided, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (decided.Status != ApprovalStatus.Approved
            || await OpportunityRows.Lock(connection, transaction, decided.SubjectId, cancellationToken) is not { Closed: false } current)
        {
            return;
        }

        var settings = options.Value;
        var path = settings.PathOf(current.ProductLine);
        if (path.Find(settings.ContractStage) is not { } contract || path.Find(current.Stage)?.Index != contract.Index - 1)
        {
            return;
        }

        var deciders = string.Join(", ", decided.Decisions.Where(d => d.Approve).Select(d => $"{d.DecidedBy} ({d.Reason})"));
        var evidence = current.Evidence.Where(e => string.Equals(e.Stage, current.Stage, StringComparison.Ordinal)).Select(e => e.EvidenceId).ToArray();
        await OpportunityRows.EnterStage(
            connection, transaction, current, contract.Name, decided.RequestedBy, LedgerTime.Now(clock).ToUniversalTime(), $"approval {decided.ApprovalId} approved by {deciders}", evidence, cancellationToken);
    }

    public Task AfterCommit(ApprovalRequest request, CancellationToken cancellationToken) => changes.Tell(request.SubjectId, cancellationToken);
}
