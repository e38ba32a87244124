using StoreSales.CommandCenter.HandOvers;
using StoreSales.Data.HandOvers;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.Api;

/// <summary>A hand-over as the API shows it, judged at the time of the answer.</summary>
public sealed record HandOverAnswer(
    long HandOverId,
    string CustomerId,
    string CustomerName,
    string DepartingRepId,
    string DepartingRepName,
    string StoreId,
    string DepartmentId,
    DateTimeOffset StartedAt,
    DateTimeOffset DueAt,
    HandOverStatus Status,
    string StageSnapshot,
    string? Stage,
    IReadOnlyList<HandOverNote> Notes,
    int NotesAvailable,
    int NotesIncluded,
    IReadOnlyList<string> Successors,
    string[] Gaps,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    bool CanManage,
    bool? RepGone = null)
{
    public static HandOverAnswer Of(HandOverView view)
    {
        var r = view.Record;
        return new HandOverAnswer(
            r.HandOverId, r.CustomerId, r.CustomerName, r.DepartingRepId, r.DepartingRepName, r.StoreId, r.DepartmentId,
            r.StartedAt, view.State.DueAt, view.State.Status, r.StageSnapshot, r.Stage, r.Notes, r.NotesAvailable, r.NotesIncluded,
            r.Successors, [.. view.State.Gaps.Select(HandOverRules.Of)], r.CompletedAt, r.CompletedBy, view.CanManage);
    }
}
