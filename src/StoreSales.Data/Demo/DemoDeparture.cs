using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.HandOvers;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.Demo;

/// <summary>
/// The demo's rep mid-departure: a departure started a while before the demo (through the same <see cref="RepDepartures"/>
/// and <see cref="HandOverBook"/> the API uses, each at the moment it happened), a few of its customers already handed to
/// a successor, the rest still open and running towards their due time, so the worklist, the pack and, later, the
/// overdue alert all have something to show. A rep whose departure has started already is left as it is.
/// </summary>
public sealed class DemoDeparture(NpgsqlDataSource dataSource, HandOverOptions handOver, DormancyOptions dormancy, ChainCalendarOptions calendar)
{
    /// <summary>The demo's leaving rep, its successor, and how far the departure is at demo start.</summary>
    public const string LeavingRepId = "rep-sh001-03";
    public const string SuccessorRepId = "rep-sh001-02";
    public static readonly TimeSpan StartedBeforeDemo = TimeSpan.FromHours(30);
    public const int HandedOverBeforeDemo = 2;

    /// <summary>Starts the departure and completes the first hand-overs; false when the rep is unknown or already leaving.</summary>
    public async Task<bool> Seed(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var startedAt = now - StartedBeforeDemo;
        var departures = new RepDepartures(dataSource, Options.Create(handOver), Options.Create(dormancy), Options.Create(calendar), new MomentClock(startedAt));
        if (await departures.Find(LeavingRepId, cancellationToken) is not { Active: true, DepartureId: null })
        {
            return false;
        }

        if (await departures.Start(LeavingRepId, "demo: moving to another city", null, "demo", cancellationToken) is not DepartureStarted)
        {
            return false;
        }

        // Handed over in the first working hours after the start.
        var book = new HandOverBook(dataSource, Options.Create(handOver), new MomentClock(startedAt + TimeSpan.FromHours(4)));
        var everything = new HandOverScope(true, new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), null);
        var handOvers = await book.List(new HandOverFilter(everything, LeavingRepId, Completed: false), cancellationToken);
        foreach (var open in handOvers.OrderBy(h => h.HandOverId).Take(HandedOverBeforeDemo))
        {
            var stage = Enum.Parse<CustomerStage>(open.StageSnapshot, ignoreCase: true);
            await book.Update(open.HandOverId, [SuccessorRepId], stage, notesConfirmed: true, cancellationToken);
            await book.Complete(open.HandOverId, "demo", cancellationToken);
        }

        return true;
    }

    /// <summary>A clock stopped at the moment a seeded step happened.</summary>
    private sealed class MomentClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
