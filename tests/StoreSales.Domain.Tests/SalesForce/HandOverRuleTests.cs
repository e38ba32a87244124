using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class HandOverRuleTests
{
    private static readonly HandOverOptions Defaults = new();
    private static readonly DateTimeOffset Started = ChainTime.At(2026, 11, 2, 9, 0);
    private static readonly CustomerHandOver Ready = new("C-1001", "rep-7", Started, "proposal", 3, 12, ["rep-1"]);

    public static TheoryData<string, TimeSpan, DateTimeOffset?, HandOverStatus> Timing => new()
    {
        { "just started", TimeSpan.Zero, null, HandOverStatus.Open },
        { "71:59 without completion", new TimeSpan(71, 59, 0), null, HandOverStatus.Open },
        { "72:00 exactly without completion", TimeSpan.FromHours(72), null, HandOverStatus.Overdue },
        { "completed at 71:59", TimeSpan.FromDays(5), Started + new TimeSpan(71, 59, 0), HandOverStatus.HandedOver },
        { "completed at 72:00", TimeSpan.FromDays(5), Started.AddHours(72), HandOverStatus.HandedOverLate },
    };

    [Theory]
    [MemberData(nameof(Timing))]
    public void A_hand_over_is_overdue_72_hours_after_the_departure_starts(string because, TimeSpan sinceStart, DateTimeOffset? handedOverAt, HandOverStatus status)
    {
        var state = HandOverRule.Evaluate(Ready with { HandedOverAt = handedOverAt }, Started + sinceStart, Defaults);

        Assert.True(status == state.Status, because);
        Assert.Equal(Started.AddHours(72), state.DueAt);
        Assert.Equal(status == HandOverStatus.Overdue, state.IsOverdue);
    }

    public static TheoryData<string, CustomerHandOver, HandOverGap[]> GapCases => new()
    {
        { "stage, three notes, one successor", Ready, [] },
        { "three successors", Ready with { Successors = ["rep-1", "rep-2", "rep-3"] }, [] },
        { "no successor", Ready with { Successors = [] }, [HandOverGap.TooFewSuccessors] },
        { "four successors", Ready with { Successors = ["rep-1", "rep-2", "rep-3", "rep-4"] }, [HandOverGap.TooManySuccessors] },
        { "the departing rep as successor", Ready with { Successors = ["rep-7"] }, [HandOverGap.DepartingRepAsSuccessor] },
        { "a successor twice", Ready with { Successors = ["rep-1", "rep-1"] }, [HandOverGap.DuplicateSuccessor] },
        { "stage not marked", Ready with { Stage = " " }, [HandOverGap.StageMissing] },
        { "two of the last three notes", Ready with { NotesIncluded = 2 }, [HandOverGap.NotesMissing] },
        { "a customer with two notes only: both", Ready with { NotesIncluded = 2, NotesAvailable = 2 }, [] },
        { "a customer without notes", Ready with { NotesIncluded = 0, NotesAvailable = 0 }, [] },
        { "nothing done yet", Ready with { Stage = null, NotesIncluded = 0, Successors = [] }, [HandOverGap.StageMissing, HandOverGap.NotesMissing, HandOverGap.TooFewSuccessors] },
    };

    [Theory]
    [MemberData(nameof(GapCases))]
    public void A_hand_over_needs_the_stage_the_last_three_notes_and_one_to_three_successors(string because, CustomerHandOver handOver, HandOverGap[] gaps) =>
        Assert.True(gaps.SequenceEqual(HandOverRule.Gaps(handOver, Defaults)), because);

    [Fact]
    public void The_window_successors_and_notes_come_from_configuration()
    {
        var options = Defaults with { DueWithin = TimeSpan.FromHours(24), MaxSuccessors = 1, NotesRequired = 5 };

        Assert.Equal(HandOverStatus.Overdue, HandOverRule.Evaluate(Ready, Started.AddHours(24), options).Status);
        Assert.Equal([HandOverGap.NotesMissing, HandOverGap.TooManySuccessors], HandOverRule.Gaps(Ready with { Successors = ["rep-1", "rep-2"] }, options));
    }

    [Theory]
    [InlineData(72, 1, 3, 3, true)]
    [InlineData(0, 1, 3, 3, false)]
    [InlineData(72, 0, 3, 3, false)]
    [InlineData(72, 2, 1, 3, false)]
    [InlineData(72, 1, 3, -1, false)]
    [InlineData(72, 1, 1, 0, true)]
    public void Options_are_validated(int hours, int min, int max, int notes, bool valid) =>
        Assert.Equal(valid, new HandOverOptions { DueWithin = TimeSpan.FromHours(hours), MinSuccessors = min, MaxSuccessors = max, NotesRequired = notes }.Validate() is null);
}
