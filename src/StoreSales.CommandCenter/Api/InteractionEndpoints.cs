using System.Security.Claims;
using StoreSales.Abstractions.Customers;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Live;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Api;

/// <summary>What reps record with customers: calls, visits, messages, notes, with the next action and its due date.</summary>
public static class InteractionEndpoints
{
    public static IEndpointRouteBuilder MapInteractionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/customers/{customerId}/interactions", Record)
            .WithTags("Customers")
            .RequireAuthorization()
            .WithName("RecordInteraction")
            .WithSummary("Records an interaction of the signed-in rep with a customer; a call or message closes the rep's open lead on it")
            .WithDescription(
                "Kind `call`, `visit`, `message` or `note`; the time is the server's when it records it (a first contact cannot be "
                + "backdated). A next action needs its due date, today or later in the chain's calendar. When the kind counts as a "
                + "first contact (`SalesForce:GoldenHours:FirstContactKinds`, default call and message) and the customer is the "
                + "rep's open lead, the lead's golden 48 hours end here (`firstContact`: true). Only a person with a rep id records "
                + "interactions (403 otherwise); a customer they may not see answers 404.")
            .Accepts<RecordInteractionRequest>("application/json")
            .Produces<InteractionAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Record(
        string customerId,
        HttpRequest request,
        CustomerAccess access,
        InteractionLog log,
        CustomerOutcomes outcomes,
        ClaimsPrincipal user,
        ChainToday today,
        CustomerGrainNotifier grains,
        RepBoardNotices repBoards,
        CancellationToken ct)
    {
        const string operation = CustomerOperations.Interaction;
        var (body, unreadable) = await outcomes.ReadBody<RecordInteractionRequest>(request, operation, "Invalid interaction", ct);
        if (body is null)
        {
            return unreadable!;
        }

        var viewer = user.ToViewerScope();
        if (viewer.RepId is not { } repId)
        {
            return outcomes.NotAllowed(operation, "no_rep_id", "Interactions are recorded by the rep who had them; your sign-in carries no rep id.");
        }

        if (await access.Find(user, customerId, ct) is not { } seen
            || !CustomerAccessRule.CanRecordInteraction(viewer, seen.Customer.OwnerRepId, seen.Customer.DepartmentId, seen.Customer.OwnerStoreId))
        {
            return outcomes.NotFound(operation, customerId);
        }

        var (interaction, errors) = CustomerRequestRules.Interaction(body, customerId, repId, today.Date());
        if (interaction is null)
        {
            return outcomes.Invalid(operation, errors, "Invalid interaction");
        }

        // Null when the customer was merged into another between the look-up and the write.
        if (await log.Record(interaction, ct) is not { } recorded)
        {
            return outcomes.NotFound(operation, customerId);
        }

        await grains.Tell(CustomerChange.InteractionRecorded, customerId);
        repBoards.InteractionRecorded(repId);
        return outcomes.Done(operation, Results.Created(
            $"/api/customers/{customerId}",
            new InteractionAnswer(recorded.InteractionId, customerId, recorded.At, recorded.FirstContactOfLead)));
    }
}
