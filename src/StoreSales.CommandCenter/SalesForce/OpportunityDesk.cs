using System.Security.Claims;
using StoreSales.Abstractions.Opportunities;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Api;
using StoreSales.Data.Opportunities;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// The opportunity operations the API and the pages share (docs/domain.md "Opportunities"): each checks the viewer's scope
/// (<see cref="OpportunityAccess"/>, <see cref="OpportunityAccessRule"/>: what they may not see is 404, like what does not
/// exist), asks the book, and counts every answer (<see cref="OpportunityMetrics"/>); every refusal is logged with its rule.
/// </summary>
public sealed partial class OpportunityDesk(
    OpportunityBook book,
    OpportunityPipeline pipeline,
    OpportunityAccess access,
    CustomerAccess customers,
    IClusterClient cluster,
    OpportunityMetrics metrics,
    ILogger<OpportunityDesk> logger)
{
    public const int MaxTitleLength = 200;

    public async Task<OpportunityDeskResult> Open(ClaimsPrincipal viewer, string? customerId, string? title, decimal? amount, string? productLine, CancellationToken cancellationToken)
    {
        const string operation = "open";
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(customerId))
        {
            errors["customerId"] = "Required.";
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            errors["title"] = $"Required, at most {MaxTitleLength} characters.";
        }

        if (amount is not >= 0)
        {
            errors["amount"] = "Required, not negative.";
        }

        if (string.IsNullOrWhiteSpace(productLine) || productLine.Length > 64)
        {
            errors["productLine"] = "Required, at most 64 characters.";
        }

        if (errors.Count > 0)
        {
            var field = errors.Keys.First();
            return Refuse(operation, 400, "invalid-" + field, string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")), customerId ?? "");
        }

        if (await customers.Find(viewer, customerId!, cancellationToken) is not { } seen)
        {
            return Refuse(operation, 404, "not-found", $"There is no customer '{customerId}'.", customerId!);
        }

        var customer = seen.Customer;
        if (!OpportunityAccessRule.CanCreate(viewer.ToViewerScope(), customer.OwnerRepId, customer.DepartmentId, customer.OwnerStoreId))
        {
            return Refuse(operation, 403, "not-owner", "Only the customer's owner rep or their team's manager opens an opportunity for it.", customerId!);
        }

        var opened = await book.Create(
            new NewOpportunity(customer.CustomerId, customer.OwnerRepId, customer.DepartmentId, productLine!.Trim(), title!.Trim(), amount!.Value, Who(viewer)), cancellationToken);
        return opened is null
            ? Refuse(operation, 404, "not-found", $"There is no customer '{customerId}'.", customerId!)
            : Done(operation, 201, opened);
    }

    /// <summary>The opportunity with the grain's verdict on its age; 404 when unseen.</summary>
    public async Task<OpportunityDeskResult> Read(ClaimsPrincipal viewer, string opportunityId, CancellationToken cancellationToken)
    {
        const string operation = "read";
        if (await access.Find(viewer, opportunityId, cancellationToken) is not { } seen)
        {
            return NotFound(operation, opportunityId);
        }

        var live = await cluster.GetGrain<IOpportunityGrain>(opportunityId).GetLive();
        return Done(operation, 200, new OpportunityView(live?.Facts ?? seen.Facts, live, seen.CanWork));
    }

    public async Task<OpportunityDeskResult> Move(ClaimsPrincipal viewer, string opportunityId, string? toStage, IReadOnlyList<long>? evidenceIds, string? note, CancellationToken cancellationToken)
    {
        const string operation = "move";
        if (await Workable(viewer, opportunityId, operation, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(toStage))
        {
            return Refuse(operation, 400, "invalid-to-stage", "toStage: Required.", opportunityId);
        }

        switch (await book.Move(opportunityId, toStage.Trim(), evidenceIds ?? [], Who(viewer), note, cancellationToken))
        {
            case Moved moved:
                return Done(operation, 200, new MoveAnswer("moved", moved.Opportunity, null, null));
            case MoveAwaitsApproval waits:
                return Done(operation, 202, new MoveAnswer("awaiting-approval", waits.Opportunity, waits.Approval.ApprovalId, waits.Reason));
            case MoveRefused { Verdict: var verdict }:
                return Refuse(operation, 409, verdict.Rule!, verdict.Reason!, opportunityId, verdict.Missing);
            case MoveEvidenceNotInStage notInStage:
                return Refuse(operation, 409, "evidence-not-in-stage",
                    $"Evidence {string.Join(", ", notInStage.EvidenceIds)} was not uploaded to this opportunity in its stage {notInStage.Opportunity.Stage}.", opportunityId);
            default:
                return NotFound(operation, opportunityId);
        }
    }

    /// <summary>Closes an opportunity as won or lost; the owner rep or the team's manager, like a move.</summary>
    public async Task<OpportunityDeskResult> Close(ClaimsPrincipal viewer, string opportunityId, string? outcome, string? reason, CancellationToken cancellationToken)
    {
        const string operation = "close";
        if (await Workable(viewer, opportunityId, operation, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await book.Close(opportunityId, outcome?.Trim(), reason, Who(viewer), cancellationToken) switch
        {
            OpportunityClosed closed => Done(operation, 200, new CloseAnswer(closed.Opportunity.Outcome!, closed.Opportunity, closed.Withdrawn?.ApprovalId)),
            // A missing or malformed field is 400 naming it; a state that does not allow the close is 409.
            CloseRefused { Verdict: var verdict } => Refuse(
                operation,
                verdict.Rule is OpportunityCloseVerdict.UnknownOutcome or OpportunityCloseVerdict.ReasonRequired or OpportunityCloseVerdict.ReasonTooLong ? 400 : 409,
                verdict.Rule!,
                verdict.Reason!,
                opportunityId,
                field: verdict.Field),
            _ => NotFound(operation, opportunityId),
        };
    }

    public async Task<OpportunityDeskResult> Upload(ClaimsPrincipal viewer, string opportunityId, string? requirement, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        const string operation = "upload";
        if (await Workable(viewer, opportunityId, operation, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(requirement))
        {
            return Refuse(operation, 400, "invalid-requirement", "requirement: Required (which of the stage's documents this file is).", opportunityId);
        }

        return await book.AddEvidence(opportunityId, requirement.Trim(), fileName, content, Who(viewer), cancellationToken) switch
        {
            EvidenceStored stored => Done(operation, 201, stored.Evidence),
            // A file that is not what its name says is refused as content the API does not take; the attempt is logged with the name.
            EvidenceRefused { Verdict: var verdict } => Refuse(operation, verdict.Rule == "file-too-large" ? 413 : 400, verdict.Rule!, verdict.Reason!, $"{opportunityId} file '{fileName}'"),
            _ => NotFound(operation, opportunityId),
        };
    }

    /// <summary>An evidence file's bytes, only within the opportunity's scope; 404 otherwise, as for a file that does not exist.</summary>
    public async Task<OpportunityDeskResult> Download(ClaimsPrincipal viewer, string opportunityId, long evidenceId, CancellationToken cancellationToken)
    {
        const string operation = "download";
        if (await access.Find(viewer, opportunityId, cancellationToken) is null
            || await book.ReadEvidence(opportunityId, evidenceId, cancellationToken) is not { } file)
        {
            return NotFound(operation, opportunityId);
        }

        return Done(operation, 200, file);
    }

    /// <summary>A rep's pipeline (their own without <paramref name="repId"/>) or a team's, each card one the viewer may see.</summary>
    public async Task<OpportunityDeskResult> Pipeline(ClaimsPrincipal viewer, string? repId, string? team, int limit, CancellationToken cancellationToken, DateTimeOffset? closedSince = null)
    {
        const string operation = "pipeline";
        var scope = viewer.ToViewerScope();
        IReadOnlyList<PipelineCard> cards;
        if (team is { Length: > 0 })
        {
            if (!OpportunityAccessRule.CanSeeTeam(scope, team))
            {
                return Refuse(operation, 403, "not-your-team", $"The pipeline of team {team} is for its managers and sales director.", team);
            }

            cards = await pipeline.OfTeam(team, limit, cancellationToken, closedSince);
        }
        else if ((repId ?? scope.RepId) is { Length: > 0 } rep)
        {
            cards = await pipeline.OfRep(rep, limit, cancellationToken, closedSince);
        }
        else
        {
            return Refuse(operation, 400, "invalid-rep-id", "repId or team: your sign-in has no rep id, name the rep or the team.", "");
        }

        return Done(operation, 200, cards.Where(c => OpportunityAccessRule.CanSee(scope, c.OwnerRepId, c.DepartmentId, c.OwnerStoreId, c.RegionId)).ToList());
    }

    private async Task<OpportunityDeskResult?> Workable(ClaimsPrincipal viewer, string opportunityId, string operation, CancellationToken cancellationToken)
    {
        if (await access.Find(viewer, opportunityId, cancellationToken) is not { } seen)
        {
            return NotFound(operation, opportunityId);
        }

        return seen.CanWork ? null : Refuse(operation, 403, "not-owner", "Only the owner rep or their team's manager works an opportunity.", opportunityId);
    }

    private static string Who(ClaimsPrincipal viewer) => viewer.ToViewerScope().RepId ?? viewer.Identity?.Name ?? "unknown";

    private OpportunityDeskResult Done(string operation, int status, object value)
    {
        metrics.Accepted(operation);
        return new OpportunityDeskResult(status, value);
    }

    private OpportunityDeskResult NotFound(string operation, string opportunityId) =>
        Refuse(operation, 404, "not-found", $"There is no opportunity '{opportunityId}'.", opportunityId);

    private OpportunityDeskResult Refuse(string operation, int status, string rule, string detail, string subject, IReadOnlyList<string>? missing = null, string? field = null)
    {
        metrics.Rejected(operation, rule);
        LogRefused(operation, subject, rule, detail);
        return new OpportunityDeskResult(status, null, rule, detail, missing, field);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {Operation} of {Subject} refused by {Rule}: {Detail}")]
    private partial void LogRefused(string operation, string subject, string rule, string detail);
}

/// <summary>An opportunity as the viewer sees it: the facts, the grain's verdict on its age (null if it did not answer), whether they may work it.</summary>
public sealed record OpportunityView(OpportunityFacts Opportunity, OpportunityLive? Live, bool CanWork);

/// <summary>A close's answer: the outcome (won, lost), the opportunity as it now stands, the contract entry a loss withdrew.</summary>
public sealed record CloseAnswer(string Outcome, OpportunityFacts Opportunity, long? WithdrawnApprovalId);

/// <summary>A move's answer: <c>moved</c>, or <c>awaiting-approval</c> with the approval filed and why.</summary>
public sealed record MoveAnswer(string Outcome, OpportunityFacts Opportunity, long? ApprovalId, string? Reason);
