using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Live;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// Records an interaction from the customer page under the rules of <c>POST /api/customers/{id}/interactions</c>
/// (<see cref="CustomerRequestRules.Interaction"/>, <see cref="CustomerAccessRule.CanRecordInteraction"/>, the same
/// transaction in <see cref="InteractionLog"/>), counted in the same metrics, and tells the rep's open boards.
/// </summary>
public sealed class InteractionDesk(CustomerAccess access, InteractionLog log, ChainToday today, CustomerMetrics metrics, RepBoardNotices notices)
{
    public async Task<PageInteraction> Record(ClaimsPrincipal user, string customerId, RecordInteractionRequest request, CancellationToken cancellationToken)
    {
        const string operation = CustomerOperations.Interaction;
        var viewer = user.ToViewerScope();
        if (viewer.RepId is not { } repId)
        {
            metrics.Rejected(operation, "no_rep_id");
            return PageInteraction.Refused;
        }

        if (await access.Find(user, customerId, cancellationToken) is not { } seen
            || !CustomerAccessRule.CanRecordInteraction(viewer, seen.Customer.OwnerRepId, seen.Customer.DepartmentId, seen.Customer.OwnerStoreId))
        {
            metrics.Rejected(operation, "not_found");
            return PageInteraction.Refused;
        }

        var (interaction, errors) = CustomerRequestRules.Interaction(request, customerId, repId, today.Date());
        if (interaction is null)
        {
            // As the API counts it: nextActionDue → invalid_next_action_due.
            metrics.Rejected(operation, "invalid_" + string.Concat(errors.Keys.First().Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString())));
            return new PageInteraction(null, errors);
        }

        if (await log.Record(interaction, cancellationToken) is not { } recorded)
        {
            metrics.Rejected(operation, "not_found");
            return PageInteraction.Refused;
        }

        metrics.Accepted(operation);
        notices.InteractionRecorded(repId);
        return new PageInteraction(recorded, new Dictionary<string, string[]>());
    }
}

/// <summary>
/// The page's interaction: <see cref="Recorded"/> when it was, else the <see cref="Errors"/> by field (the request's
/// property names); neither when the viewer may not record on this customer.
/// </summary>
public sealed record PageInteraction(InteractionRecorded? Recorded, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly PageInteraction Refused = new(null, new Dictionary<string, string[]>());
}
