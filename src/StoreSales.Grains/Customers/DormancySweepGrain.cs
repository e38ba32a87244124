using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.Grains.Customers;

/// <summary>
/// The cluster's one dormancy sweep (key 0; docs/design.md, "Customers hear of what happens"). Every
/// <see cref="DormancySweepOptions.Period"/> its Orleans reminder asks PostgreSQL, set-based
/// (<see cref="IDormancyCrossings"/>), which customers reached day 30 (follow-up) or day 180 (dormant) since the last
/// sweep (<see cref="DormancyCrossing"/>), and tells only those grains; each decides by <see cref="DormancyRule"/> and
/// acts at most once. A million customers keep no reminder each. It also tells the customers whose open lead was assigned,
/// or fell due, since the last sweep: a golden-hours reminder that was never registered (a lost notification) is made
/// good within one period. The 45-day release to the pool stays
/// <c>PoolRelease</c>'s. A sweep that could not tell every customer keeps its mark where it was, so the next sweep asks
/// for the same window again (the grains act once whatever they are told twice).
/// </summary>
public sealed partial class DormancySweepGrain(
    [PersistentState("dormancy-sweep", GrainStorageNames.Live)] IPersistentState<DormancySweepState> state,
    IDormancyCrossings crossings,
    IOpenLeads openLeads,
    [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
    IOptions<DormancySweepOptions> options,
    IOptions<DormancyOptions> dormancy,
    IOptions<GoldenHoursOptions> goldenHours,
    IOptions<ChainCalendarOptions> calendar,
    ILogger<DormancySweepGrain> logger) : Grain, IDormancySweepGrain, IRemindable
{
    private const string SweepReminder = "dormancy-sweep";

    // Registered again at every silo start: a changed Period takes effect, and the mark (SweptUntil) keeps the windows whole.
    Task IDormancySweepGrain.Start() => this.RegisterOrUpdateReminder(SweepReminder, options.Value.Period, options.Value.Period);

    Task<int> IDormancySweepGrain.Sweep() => Sweep();

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Sweep();

    private async Task<int> Sweep()
    {
        var now = clock.GetUtcNow();
        var zone = calendar.Value.Zone();
        // The first sweep ever looks back one period: a customer that crossed a rung before the sweep existed is not told;
        // every crossing after it is, however long the silo was down between two sweeps.
        var sweptUntil = state.State.SweptUntil ?? now - options.Value.Period;
        var rungs = new[] { dormancy.Value.FollowUpAfterDays, dormancy.Value.DormantAfterDays };
        var customers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var days in rungs)
        {
            if (DormancyCrossing.Window(sweptUntil, now, days, zone) is { } window)
            {
                customers.UnionWith(await crossings.IdleSince(window.From, window.To, CancellationToken.None));
            }
        }

        // A few at a time: a sweep after midnight may wake thousands of customers, and each reads its facts.
        // The safety net for leads: a customer whose lead was assigned since the last sweep (its grain may never have been
        // told: a lost notification, an import) gets its golden-hours reminder, and one whose lead fell due since then is
        // judged now, whether or not its reminder exists.
        var firstContactWithin = goldenHours.Value.FirstContactWithin;
        customers.UnionWith(await openLeads.AssignedIn(sweptUntil, now, CancellationToken.None));
        customers.UnionWith(await openLeads.AssignedIn(sweptUntil - firstContactWithin, now - firstContactWithin, CancellationToken.None));

        var failed = 0;
        using var gate = new SemaphoreSlim(options.Value.Concurrency);
        await Task.WhenAll(customers.Select(async customerId =>
        {
            await gate.WaitAsync();
            try
            {
                await GrainFactory.GetGrain<ICustomerGrain>(customerId).CheckDormancy();
            }
            catch (Exception exception)
            {
                failed++;
                LogTellFailed(exception, customerId);
            }
            finally
            {
                gate.Release();
            }
        }));

        if (failed == 0)
        {
            state.State.SweptUntil = now;
            await state.WriteStateAsync();
        }

        LogSwept(customers.Count, failed, sweptUntil, now);
        return customers.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dormancy sweep: {Count} customers told (a rung crossed, a lead assigned or due; {Failed} could not be told) between {From:u} and {To:u}")]
    private partial void LogSwept(int count, int failed, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dormancy sweep: customer {CustomerId} could not be told; the next sweep asks again")]
    private partial void LogTellFailed(Exception exception, string customerId);
}
