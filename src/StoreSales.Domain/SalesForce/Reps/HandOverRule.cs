using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// Offboarding hand-over (离职交接): when a rep's departure starts, each of their customers needs, within 72 hours,
/// its current stage marked, its last three interaction notes (all of them when it has fewer) and one to three
/// successors; not completed by then, it is overdue and the supervisor is alerted. Elapsed hours, as the golden
/// 48 hours. Rule in docs/domain.md ("The sales force").
/// </summary>
public static class HandOverRule
{
    /// <summary>When a hand-over is due.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset departureStartedAt, HandOverOptions options) => departureStartedAt + options.DueWithin;

    /// <summary>What the hand-over lacks; it may be completed only when this is empty.</summary>
    public static ImmutableArray<HandOverGap> Gaps(CustomerHandOver handOver, HandOverOptions options)
    {
        var gaps = ImmutableArray.CreateBuilder<HandOverGap>();
        if (string.IsNullOrWhiteSpace(handOver.Stage))
        {
            gaps.Add(HandOverGap.StageMissing);
        }

        if (handOver.NotesIncluded < Math.Min(options.NotesRequired, handOver.NotesAvailable))
        {
            gaps.Add(HandOverGap.NotesMissing);
        }

        gaps.AddRange(SuccessorCountGaps(handOver.Successors, handOver.DepartingRepId, options));
        return gaps.ToImmutable();
    }

    /// <summary>
    /// What is wrong with the successors named for a departing rep's customer: the count, the departing rep among them,
    /// one named twice, and (against master data) one who is not a working rep of the departing rep's team.
    /// </summary>
    /// <param name="teamReps">The working reps of the departing rep's team (store or department).</param>
    /// <param name="leavingReps">Reps who are departing or gone.</param>
    public static ImmutableArray<HandOverGap> SuccessorGaps(
        IReadOnlyList<string> successors,
        string departingRepId,
        IReadOnlySet<string> teamReps,
        IReadOnlySet<string> leavingReps,
        HandOverOptions options)
    {
        var gaps = ImmutableArray.CreateBuilder<HandOverGap>();
        gaps.AddRange(SuccessorCountGaps(successors, departingRepId, options));
        var others = successors.Where(s => !string.Equals(s, departingRepId, StringComparison.Ordinal)).ToList();
        if (others.Any(leavingReps.Contains))
        {
            gaps.Add(HandOverGap.SuccessorLeaving);
        }

        if (others.Any(s => !leavingReps.Contains(s) && !teamReps.Contains(s)))
        {
            gaps.Add(HandOverGap.SuccessorNotInTeam);
        }

        return gaps.ToImmutable();
    }

    private static ImmutableArray<HandOverGap> SuccessorCountGaps(IReadOnlyList<string> successors, string departingRepId, HandOverOptions options)
    {
        var gaps = ImmutableArray.CreateBuilder<HandOverGap>();
        if (successors.Count < options.MinSuccessors)
        {
            gaps.Add(HandOverGap.TooFewSuccessors);
        }

        if (successors.Count > options.MaxSuccessors)
        {
            gaps.Add(HandOverGap.TooManySuccessors);
        }

        if (successors.Contains(departingRepId, StringComparer.Ordinal))
        {
            gaps.Add(HandOverGap.DepartingRepAsSuccessor);
        }

        if (successors.Distinct(StringComparer.Ordinal).Count() != successors.Count)
        {
            gaps.Add(HandOverGap.DuplicateSuccessor);
        }

        return gaps.ToImmutable();
    }

    /// <summary>The hand-over's state at <paramref name="now"/>.</summary>
    public static HandOverState Evaluate(CustomerHandOver handOver, DateTimeOffset now, HandOverOptions options)
    {
        var due = DueAt(handOver.DepartureStartedAt, options);
        var gaps = Gaps(handOver, options);
        var status = handOver.HandedOverAt switch
        {
            { } done when done < due => HandOverStatus.HandedOver,
            not null => HandOverStatus.HandedOverLate,
            null when now < due => HandOverStatus.Open,
            null => HandOverStatus.Overdue,
        };

        return new HandOverState(status, due, gaps);
    }
}
