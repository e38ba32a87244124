using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Customers with one identity (docs/domain.md "Customer identity and deduplication", "Customer access"): create one
/// (a likely duplicate is refused with the existing id) and read one, scoped to its owner rep and sales team.
/// </summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();

        api.MapPost("", Create)
            .WithName("CreateCustomer")
            .WithSummary("Creates a customer (member or account) with its owner rep, sales team and service period")
            .WithDescription(
                "Identity fields are normalised as deduplication compares them: the phone to E.164 (any common way of writing a "
                + "mainland or foreign number), the unified social credit code checked by its check character, the name without "
                + "spaces, width or (for an account) legal form. Any of its keys (member code, credit code, phone, an account's "
                + "name) already held by a customer makes it a likely duplicate: 409 with `existingCustomerId` and `matchedBy`, "
                + "nothing written. An invalid field: 400 naming it. With `importRowKey`, sending the same row again answers 200 "
                + "with the customer it made. A rep creates customers for themselves in their own team; a store or sales manager "
                + "for their team; an administrator anywhere (else 403).")
            .Accepts<CreateCustomerRequest>("application/json")
            .Produces<CustomerCreatedAnswer>(StatusCodes.Status201Created)
            .Produces<CustomerCreatedAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{customerId}", async Task<IResult> (string customerId, CustomerAccess access, CustomerOutcomes outcomes, ClaimsPrincipal user, TimeProvider clock, IOptions<GoldenHoursOptions> goldenHours, CancellationToken ct) =>
                await access.Find(user, customerId, ct) is { } seen
                    ? Results.Ok(CustomerAnswer.Of(seen.Customer, seen.Sight, clock.GetUtcNow(), goldenHours.Value))
                    : outcomes.NotFound(CustomerOperations.Read, customerId))
            .WithName("GetCustomer")
            .WithSummary("A customer, with its latest lead and where that lead stands against its first-contact window (golden hours)")
            .WithDescription(
                "The owner rep sees everything; a store or sales manager of the customer's team, HQ and administrators see it with "
                + "the phone masked (`contactMasked`: true). A customer outside the viewer's scope answers 404, as an unknown one "
                + "does: its existence is not told.")
            .Produces<CustomerAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{customerId}/purchases", async Task<IResult> (string customerId, int? days, int? limit, CustomerAccess access, MemberPurchases purchases, CustomerOutcomes outcomes, ClaimsPrincipal user, TimeProvider clock, IOptions<CustomerGradingOptions> grading, CancellationToken ct) =>
            {
                if (await access.Find(user, customerId, ct) is not { } seen)
                {
                    return outcomes.NotFound(CustomerOperations.Read, customerId);
                }

                // By default the window the grading judges a customer on (SalesForce:Grading:WindowDays).
                var since = clock.GetUtcNow().AddDays(-Math.Clamp(days ?? grading.Value.WindowDays, 1, 366));
                return Results.Ok(seen.Customer.MemberCode is { } member
                    ? await purchases.Of(member, since, Math.Clamp(limit ?? 20, 1, 200), ct)
                    : new MemberPurchaseHistory(since, 0, 0, []));
            })
            .WithName("GetCustomerPurchases")
            .WithSummary("The customer's till purchases (by their member code), newest first, and the count and net amount of the last days")
            .WithDescription(
                "Read from the sales ledger: a sale is here as soon as the till's batch is acked. `days` (1–366; default the grading's "
                + "window, `SalesForce:Grading:WindowDays`, 30) sets the window of the totals, `limit` (1–200, default 20) how many purchases are listed. Seen by whoever may see the "
                + "customer; 404 otherwise, as for an unknown id.")
            .Produces<MemberPurchaseHistory>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> Create(
        HttpRequest request,
        CustomerIntake intake,
        CustomerOutcomes outcomes,
        ClaimsPrincipal user,
        ChainToday today,
        IOptions<CustomerIdentityOptions> identity,
        IChainDirectory chain,
        CancellationToken ct)
    {
        const string operation = CustomerOperations.Create;
        var (body, unreadable) = await outcomes.ReadBody<CreateCustomerRequest>(request, operation, "Invalid customer", ct);
        if (body is null)
        {
            return unreadable!;
        }

        var viewer = user.ToViewerScope();
        var (customer, errors) = CustomerRequestRules.Create(body, viewer.RepId, today.Date(), identity.Value);
        if (customer is null)
        {
            return outcomes.Invalid(operation, errors, "Invalid customer");
        }

        // The owner rep's store puts the customer in that store manager's team (master data; null for a rep not in it).
        var ownerStoreId = (await chain.FindRep(customer.OwnerRepId, ct))?.StoreId;
        if (!CustomerAccessRule.CanCreate(viewer, customer.OwnerRepId, customer.DepartmentId, ownerStoreId))
        {
            return outcomes.NotAllowed(operation, "not_allowed", $"Your sign-in may not create customers for rep '{customer.OwnerRepId}' in team '{customer.DepartmentId}'.");
        }

        switch (await intake.Create(customer, ct))
        {
            case CustomerCreated created:
                return outcomes.Done(operation, Results.Created($"/api/customers/{created.CustomerId}", new CustomerCreatedAnswer(created.CustomerId, AlreadyImported: false)));
            case CustomerAlreadyImported imported:
                return outcomes.Done(operation, Results.Ok(new CustomerCreatedAnswer(imported.CustomerId, AlreadyImported: true)));
            case CustomerLikelyDuplicate duplicate:
                var matchedBy = CustomerRequestRules.JsonName(duplicate.MatchedBy.ToString());
                return outcomes.Conflict(
                    operation,
                    "likely-duplicate",
                    "Likely duplicate",
                    $"Customer '{duplicate.ExistingCustomerId}' has the same {matchedBy}: one customer, one id. Use it, or ask for the two to be merged.",
                    new Dictionary<string, object?> { ["existingCustomerId"] = duplicate.ExistingCustomerId, ["matchedBy"] = matchedBy });
            case CustomerIdentityRefused refused:
                return outcomes.Invalid(operation, CustomerRequestRules.ErrorsOf(refused.Failures), "Invalid customer");
            case var other:
                throw new InvalidOperationException($"Unexpected customer creation result {other}.");
        }
    }
}
