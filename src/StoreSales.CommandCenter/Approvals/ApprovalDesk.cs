using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;

namespace StoreSales.CommandCenter.Approvals;

/// <summary>
/// The approvals inbox for the API and the pages alike (docs/domain.md "Approvals"): every read and decision goes
/// through <see cref="ApprovalAccessRule"/> (out of sight: not found, like an unknown id), <see cref="ApprovalRule"/>
/// decides in <see cref="ApprovalBook"/>, and every answer is counted in <see cref="ApprovalMetrics"/>.
/// </summary>
public sealed partial class ApprovalDesk(
    ApprovalBook book,
    ApprovalMetrics metrics,
    IOptions<ApprovalOptions> options,
    TimeProvider clock,
    ILogger<ApprovalDesk> logger)
{
    public const string InboxOperation = "inbox";
    public const string ReadOperation = "approval-read";
    public const string DecideOperation = "decision";
    public const string NotFoundRule = "not-found";

    /// <summary>
    /// What waits for the viewer's decision, oldest due first (their own requests are not theirs to decide); for HQ and
    /// administrators every pending request, which they watch (and decide only in a required role they hold).
    /// </summary>
    public async Task<IReadOnlyList<ApprovalView>> Inbox(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (viewer, name) = Viewer(user);
        var filter = ApprovalAccessRule.InboxFilter(viewer);
        var waiting = await book.WaitingFor(filter, options.Value.InboxLimit, cancellationToken);
        var now = clock.GetUtcNow();
        metrics.Accepted(InboxOperation);
        return [.. waiting.Select(r => ApprovalView.Of(r, viewer, name, now)).Where(v => filter.All || v.AwaitsMe)];
    }

    /// <summary>The requests the viewer asked for, newest first, with where each stands.</summary>
    public async Task<IReadOnlyList<ApprovalView>> Mine(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (viewer, name) = Viewer(user);
        var mine = await book.RequestedBy(name, options.Value.InboxLimit, cancellationToken);
        var now = clock.GetUtcNow();
        metrics.Accepted(InboxOperation);
        return [.. mine.Select(r => ApprovalView.Of(r, viewer, name, now))];
    }

    /// <summary>One request, or null when it is unknown or out of the viewer's sight.</summary>
    public async Task<ApprovalView?> Find(ClaimsPrincipal user, long approvalId, CancellationToken cancellationToken)
    {
        var (viewer, name) = Viewer(user);
        var request = await book.Find(approvalId, cancellationToken);
        if (request is null || !ApprovalAccessRule.CanSee(viewer, name, ApprovalView.ScopeOf(request)))
        {
            metrics.Rejected(ReadOperation, NotFoundRule);
            return null;
        }

        metrics.Accepted(ReadOperation);
        return ApprovalView.Of(request, viewer, name, clock.GetUtcNow());
    }

    /// <summary>The pending requests of the same customer and earlier ones: what the approver weighs beside this one.</summary>
    public Task<IReadOnlyList<ApprovalRequest>> OfCustomer(string customerId, CancellationToken cancellationToken) =>
        book.OfCustomer(customerId, options.Value.InboxLimit, cancellationToken);

    /// <summary>
    /// Keeps the viewer's decision in the first required role they hold within scope that has not decided; refusals name
    /// the approval rule. The decider's roles are only those <see cref="ApprovalAccessRule.DecidingRoles"/> grants here.
    /// </summary>
    public async Task<ApprovalDeskOutcome> Decide(ClaimsPrincipal user, long approvalId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        var (viewer, name) = Viewer(user);
        var request = await book.Find(approvalId, cancellationToken);
        if (request is null || !ApprovalAccessRule.CanSee(viewer, name, ApprovalView.ScopeOf(request)))
        {
            metrics.Rejected(DecideOperation, NotFoundRule);
            return new ApprovalNotFound(approvalId);
        }

        var roles = ApprovalAccessRule.DecidingRoles(viewer, ApprovalView.ScopeOf(request));
        switch (await book.Decide(approvalId, approve, reason, name, roles, cancellationToken))
        {
            case ApprovalDecided decided:
                metrics.Accepted(DecideOperation);
                LogDecided(approvalId, decided.Request.Kind, name, decided.Decision.Role, approve, decided.Request.Status);
                return new ApprovalKept(ApprovalView.Of(decided.Request, viewer, name, clock.GetUtcNow()));
            case ApprovalRefusedResult refused:
                metrics.Rejected(DecideOperation, refused.Refused.Rule);
                LogRefused(approvalId, name, refused.Refused.Rule);
                return new ApprovalRefusedByRule(refused.Refused);
            case ApprovalUnknown:
                metrics.Rejected(DecideOperation, NotFoundRule);
                return new ApprovalNotFound(approvalId);
            case var other:
                throw new InvalidOperationException($"Unexpected decision result {other}.");
        }
    }

    private static (ViewerScope Viewer, string Name) Viewer(ClaimsPrincipal user) => (user.ToViewerScope(), user.Identity?.Name ?? "");

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId} ({Kind}): {Decider} as {Role} decided approve={Approve}; now {Status}")]
    private partial void LogDecided(long approvalId, string kind, string decider, string role, bool approve, ApprovalStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId}: decision by {Decider} refused ({Rule})")]
    private partial void LogRefused(long approvalId, string decider, string rule);
}
