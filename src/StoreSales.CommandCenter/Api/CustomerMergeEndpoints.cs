using System.Security.Claims;
using StoreSales.Abstractions.Customers;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Api;

/// <summary>Joins two records of one customer: the answer to a likely duplicate that a person has confirmed.</summary>
public static class CustomerMergeEndpoints
{
    public static IEndpointRouteBuilder MapCustomerMergeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/customers/{customerId}/merge", Merge)
            .WithTags("Customers")
            .RequireAuthorization()
            .WithName("MergeCustomers")
            .WithSummary("Merges another record of the same customer into this one, with the reason; kept in the merge audit")
            .WithDescription(
                "The merged record's deduplication keys, interactions and leads move to this customer, which takes the contact "
                + "fields it lacks; the merged id then answers 404, and importing its row again finds this customer. Both records "
                + "having an open lead is refused with 409 (rule `one-open-lead-per-customer`): assign or contact one first. "
                + "Administrators, and sales managers leading both customers' teams, may merge (403 otherwise); a record "
                + "outside the viewer's scope answers 404.")
            .Accepts<MergeCustomersRequest>("application/json")
            .Produces<CustomersMerged>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Merge(
        string customerId,
        HttpRequest request,
        CustomerAccess access,
        CustomerMerger merger,
        CustomerOutcomes outcomes,
        ClaimsPrincipal user,
        CustomerGrainNotifier grains,
        CancellationToken ct)
    {
        const string operation = CustomerOperations.Merge;
        var viewer = user.ToViewerScope();
        // Before anything is looked up: whoever may never merge learns nothing about either id.
        if (!viewer.Roles.Contains(ChainRoles.Admin) && !viewer.Roles.Contains(ChainRoles.SalesManager))
        {
            return outcomes.NotAllowed(operation, "not_allowed", "Customer records are merged by an administrator or a sales manager.");
        }

        var (body, unreadable) = await outcomes.ReadBody<MergeCustomersRequest>(request, operation, "Invalid merge", ct);
        if (body is null)
        {
            return unreadable!;
        }

        var errors = CustomerRequestRules.Merge(body, customerId);
        if (errors.Count > 0)
        {
            return outcomes.Invalid(operation, errors, "Invalid merge");
        }

        var mergedId = body.MergedCustomerId!.Trim();
        if (await access.Find(user, customerId, ct) is not { } kept)
        {
            return outcomes.NotFound(operation, customerId);
        }

        if (await access.Find(user, mergedId, ct) is not { } merged)
        {
            return outcomes.NotFound(operation, mergedId);
        }

        if (!CustomerAccessRule.CanMerge(viewer, kept.Customer.DepartmentId, merged.Customer.DepartmentId))
        {
            return outcomes.NotAllowed(operation, "not_allowed", $"Merging customers of teams '{kept.Customer.DepartmentId}' and '{merged.Customer.DepartmentId}' needs a sales manager of both, or an administrator.");
        }

        switch (await merger.Merge(customerId, mergedId, user.Identity?.Name ?? "unknown", body.Reason!.Trim(), ct))
        {
            case CustomersMerged done:
                await grains.Tell(CustomerChange.Merged, customerId, mergedId);
                return outcomes.Done(operation, Results.Ok(done));
            case MergeCustomerUnknown unknown:
                return outcomes.NotFound(operation, unknown.CustomerId);
            case MergeRefusedBothLeadsOpen:
                return outcomes.Conflict(
                    operation,
                    LeadEndpoints.OneOpenLeadRule,
                    "Both have an open lead",
                    $"Customers '{customerId}' and '{mergedId}' both have an open lead, and a customer has one open lead at a time: record the first contact of one, then merge.");
            case var other:
                throw new InvalidOperationException($"Unexpected merge result {other}.");
        }
    }
}
