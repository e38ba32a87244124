using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Customers;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Pool;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// The public pool (公海, docs/domain.md "Public pool claims"): customers released from their owner, and reps claiming
/// them. <see cref="PoolClaimRule"/> decides a claim; <see cref="PoolClaims"/> makes it one transaction.
/// </summary>
public static class PoolEndpoints
{
    /// <summary>The <c>rule</c> of each refusal, as the problem details and the metrics name it.</summary>
    public static string RuleOf(PoolClaimRefusal refusal) => refusal switch
    {
        PoolClaimRefusal.NotInPool => "not-in-pool",
        PoolClaimRefusal.OtherDepartment => "other-department",
        PoolClaimRefusal.FormerOwnerBarred => "former-owner-barred",
        PoolClaimRefusal.DailyCapReached => "daily-claim-cap",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    public static IEndpointRouteBuilder MapPoolApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pool").WithTags("Pool").RequireAuthorization();

        api.MapGet("", List)
            .WithName("ListPool")
            .WithSummary("The customers in the public pool (公海) the viewer may see, newest release first")
            .WithDescription(
                "A customer is released to the pool when its last activity is `SalesForce:Dormancy:ReleaseToPoolAfterDays` (45) "
                + "calendar days old in the chain's time zone. A rep sees the entries of their own teams (those they may claim); "
                + "a store or sales manager those of the teams they lead (a store manager also those released from their store's reps); HQ and administrators the whole chain's; others none. "
                + "Contact details are not shown: they are the claimant's once claimed. `limit`: 1–1000, default 200.")
            .Produces<PoolEntryAnswer[]>()
            .ProducesValidationProblem();

        api.MapPost("/{customerId}/claim", Claim)
            .WithName("ClaimFromPool")
            .WithSummary("A rep claims a customer from the public pool and becomes its owner")
            .WithDescription(
                "Refusals name their rule (`rule`), checked in this order: `not-in-pool` (409; also when another rep's claim "
                + "won first: of any number of simultaneous claims exactly one succeeds), `other-department` (403: only reps of "
                + "the customer's team claim it), `former-owner-barred` (409: the rep it was released from, for "
                + "`SalesForce:Pool:FormerOwnerBarredDays` days), `daily-claim-cap` (409: `SalesForce:Pool:DailyClaimCap` claims "
                + "per rep per calendar day, held under concurrent claims). Only a person with a rep id claims (403 otherwise). "
                + "A customer that does not exist, or that is neither in the viewer's teams nor visible to them, answers 404.")
            .Produces<PoolClaimAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> List(int? limit, PoolListing pool, CustomerOutcomes outcomes, ClaimsPrincipal user, CancellationToken ct)
    {
        const string operation = CustomerOperations.PoolRead;
        if (limit is < 1 or > 1000)
        {
            return outcomes.Invalid(operation, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["limit"] = ["Between 1 and 1000."] }, "Invalid pool query");
        }

        var viewer = user.ToViewerScope();
        var entries = await pool.Open(CustomerAccessRule.PoolTeams(viewer)?.ToArray(), [.. CustomerAccessRule.PoolStores(viewer)], limit ?? 200, ct);
        return outcomes.Done(operation, Results.Ok(entries.Select(PoolEntryAnswer.Of).ToArray()));
    }

    private static async Task<IResult> Claim(string customerId, PoolClaims claims, CustomerOutcomes outcomes, ClaimsPrincipal user, IOptions<PoolClaimOptions> options, CustomerGrainNotifier grains, CancellationToken ct)
    {
        const string operation = CustomerOperations.PoolClaim;
        var viewer = user.ToViewerScope();
        if (viewer.RepId is not { } repId)
        {
            return outcomes.NotAllowed(operation, "not_a_rep", "Only a rep claims customers from the public pool; your sign-in has no rep id.");
        }

        var teams = CustomerAccessRule.RepTeams(viewer);
        switch (await claims.Claim(customerId, repId, teams, ct))
        {
            case PoolClaimed claimed:
                await grains.Tell(CustomerChange.ClaimedFromPool, claimed.CustomerId);
                return outcomes.Done(operation, Results.Ok(new PoolClaimAnswer(claimed.CustomerId, claimed.RepId, claimed.ClaimedAt, claimed.ClaimsToday, options.Value.DailyClaimCap)));
            case PoolClaimRefused { Verdict.Refusal: PoolClaimRefusal.NotInPool } refused
                when !teams.Contains(refused.DepartmentId) && CustomerAccessRule.Sight(viewer, refused.OwnerRepId, refused.DepartmentId) == CustomerSight.Hidden:
                // Outside the rep's teams and out of their sight: whether it exists is not told.
                return outcomes.NotFound(operation, customerId);
            case PoolClaimRefused { Verdict: { Refusal: { } refusal, Reason: var reason } }:
                var rule = RuleOf(refusal);
                var facts = new Dictionary<string, object?>(StringComparer.Ordinal) { ["customerId"] = customerId };
                if (SettingOf(refusal) is { } setting)
                {
                    facts["setting"] = setting;
                }

                return refusal == PoolClaimRefusal.OtherDepartment
                    ? outcomes.NotAllowed(operation, rule, "Claim refused", reason!, facts)
                    : outcomes.Conflict(operation, rule, "Claim refused", reason!, facts);
            case PoolCustomerUnknown:
                return outcomes.NotFound(operation, customerId);
            case var other:
                throw new InvalidOperationException($"Unexpected pool claim result {other}.");
        }
    }

    private static string? SettingOf(PoolClaimRefusal refusal) => refusal switch
    {
        PoolClaimRefusal.FormerOwnerBarred => $"{PoolClaimOptions.SectionName}:{nameof(PoolClaimOptions.FormerOwnerBarredDays)}",
        PoolClaimRefusal.DailyCapReached => $"{PoolClaimOptions.SectionName}:{nameof(PoolClaimOptions.DailyClaimCap)}",
        _ => null,
    };
}

/// <summary>A customer in the public pool: who let it go, when and why; no contact details.</summary>
public sealed record PoolEntryAnswer(string CustomerId, string Kind, string Name, string DepartmentId, DateTimeOffset ReleasedAt, string ReleasedFromRepId, string Reason)
{
    public static PoolEntryAnswer Of(PoolListEntry entry) =>
        new(entry.CustomerId, entry.Kind, entry.DisplayName, entry.DepartmentId, entry.ReleasedAt, entry.ReleasedFromRepId, entry.Reason);
}

/// <summary>A claim that succeeded: the rep owns the customer now; their claims today against the cap.</summary>
public sealed record PoolClaimAnswer(string CustomerId, string OwnerRepId, DateTimeOffset ClaimedAt, int ClaimsToday, int DailyClaimCap);
