using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Customers;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Live;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.CommandCenter.Api;

/// <summary>Leads: a customer given to a rep, who must make a first contact within the golden 48 hours.</summary>
public static class LeadEndpoints
{
    /// <summary>The rule a second open lead breaks (the 409's <c>rule</c>).</summary>
    public const string OneOpenLeadRule = "one-open-lead-per-customer";

    public static IEndpointRouteBuilder MapLeadApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/leads", Assign)
            .WithTags("Leads")
            .RequireAuthorization()
            .WithName("AssignLead")
            .WithSummary("Gives a customer to a rep as a lead; the rep becomes its owner and its first-contact window (golden hours) starts")
            .WithDescription(
                "The answer says when the first contact is due (`SalesForce:GoldenHours:FirstContactWithin`, default 48 h). A "
                + "customer has one open lead at most (open until its first contact): a second is refused with 409, rule "
                + "`one-open-lead-per-customer`. An unknown customer, or one outside the viewer's scope, is refused with 400 naming "
                + "`customerId`. Leads are assigned by the store or sales manager of the customer's team, or an administrator (403 otherwise).")
            .Accepts<AssignLeadRequest>("application/json")
            .Produces<LeadAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Assign(
        HttpRequest request,
        CustomerAccess access,
        LeadBook leads,
        CustomerOutcomes outcomes,
        ClaimsPrincipal user,
        TimeProvider clock,
        IOptions<GoldenHoursOptions> goldenHours,
        CustomerGrainNotifier grains,
        RepBoardNotices repBoards,
        CancellationToken ct)
    {
        const string operation = CustomerOperations.Lead;
        var (body, unreadable) = await outcomes.ReadBody<AssignLeadRequest>(request, operation, "Invalid lead", ct);
        if (body is null)
        {
            return unreadable!;
        }

        var errors = CustomerRequestRules.Lead(body);
        if (errors.Count > 0)
        {
            return outcomes.Invalid(operation, errors, "Invalid lead");
        }

        var customerId = body.CustomerId!.Trim();
        var repId = body.RepId!.Trim();
        if (await access.Find(user, customerId, ct) is not { } seen)
        {
            return UnknownCustomer(outcomes, customerId);
        }

        if (!CustomerAccessRule.CanAssignLead(user.ToViewerScope(), seen.Customer.DepartmentId, seen.Customer.OwnerStoreId))
        {
            return outcomes.NotAllowed(operation, "not_allowed", $"Leads of team '{seen.Customer.DepartmentId}' are assigned by its store or sales manager.");
        }

        switch (await leads.Assign(customerId, repId, ct))
        {
            case LeadAssigned assigned:
                await grains.Tell(CustomerChange.LeadAssigned, customerId);
                repBoards.LeadAssigned(repId);
                return outcomes.Done(operation, Results.Created($"/api/customers/{customerId}", LeadAnswer.Of(assigned.Lead, clock.GetUtcNow(), goldenHours.Value)));
            case LeadAlreadyOpen open:
                return outcomes.Conflict(
                    operation,
                    OneOpenLeadRule,
                    "Lead already open",
                    $"Customer '{customerId}' is already an open lead of rep '{open.Open.RepId}' (assigned {open.Open.AssignedAt:u}); a customer has one open lead at a time.",
                    new Dictionary<string, object?> { ["openLeadRepId"] = open.Open.RepId, ["openLeadAssignedAt"] = open.Open.AssignedAt });
            case LeadCustomerUnknown:
                return UnknownCustomer(outcomes, customerId);
            case var other:
                throw new InvalidOperationException($"Unexpected lead assignment result {other}.");
        }
    }

    private static IResult UnknownCustomer(CustomerOutcomes outcomes, string customerId) =>
        outcomes.Invalid(
            CustomerOperations.Lead,
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["customerId"] = [$"There is no customer '{customerId}'."] },
            "Unknown customer",
            "unknown_customer");
}
