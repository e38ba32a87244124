using System.Security.Claims;
using StoreSales.Abstractions.Customers;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// A customer's live facts as its grain holds them (docs/design.md, "Customers hear of what happens"): the open lead's
/// golden-hours countdown, the last activity and the dormancy rung. An endpoint of its own rather than part of
/// <c>GET /api/customers/{id}</c>: it wakes the customer's grain, which the plain read (lists, pages) should not pay for.
/// </summary>
public static class CustomerLiveEndpoints
{
    public static IEndpointRouteBuilder MapCustomerLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/customers/{customerId}/live", async Task<IResult> (string customerId, CustomerAccess access, CustomerOutcomes outcomes, ClaimsPrincipal user, IClusterClient cluster, CancellationToken ct) =>
                await access.Find(user, customerId, ct) is null
                    ? outcomes.NotFound(CustomerOperations.Read, customerId)
                    : Results.Ok(CustomerLiveAnswer.Of(await cluster.GetGrain<ICustomerGrain>(customerId).GetLiveFacts().WaitAsync(ct))))
            .WithTags("Customers")
            .RequireAuthorization()
            .WithName("GetCustomerLive")
            .WithSummary("The customer's live state: the open lead's first-contact due time, the last activity, the dormancy rung")
            .WithDescription(
                "From the customer's grain, which reads the customer tables on every change it is told of and on its timers: "
                + "`leadStatus` (`Waiting`, `Overdue`) and `firstContactDueAt` while a lead waits for its first contact "
                + "(`SalesForce:GoldenHours:FirstContactWithin`), `lastActivityAt`, `dormancy` (`Active`, `FollowUpDue`, `ReleasedToPool`, "
                + "`Dormant`; `SalesForce:Dormancy`), `idleDays`, `nextDormancyChangeAt`, `inTrainingPool`, and when the grain last "
                + "judged (`checkedAt`). Seen by whoever may see the customer; 404 otherwise, as for an unknown id.")
            .Produces<CustomerLiveAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}

/// <summary>A customer's live facts, as the API shows them.</summary>
public sealed record CustomerLiveAnswer(
    string CustomerId,
    long? OpenLeadId,
    LeadContactStatus? LeadStatus,
    DateTimeOffset? FirstContactDueAt,
    DateTimeOffset? LastActivityAt,
    DormancyState? Dormancy,
    int IdleDays,
    DateTimeOffset? NextDormancyChangeAt,
    bool InTrainingPool,
    DateTimeOffset CheckedAt)
{
    public static CustomerLiveAnswer Of(CustomerLiveFacts facts) =>
        new(facts.CustomerId, facts.OpenLeadId, facts.LeadStatus, facts.FirstContactDueAt, facts.LastActivityAt, facts.Dormancy, facts.IdleDays, facts.NextDormancyChangeAt, facts.InTrainingPool, facts.CheckedAt);
}
