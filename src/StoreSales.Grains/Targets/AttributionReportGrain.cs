using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Targets;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.Targets.Attribution;
using StoreSales.Grains.Scheduling;

namespace StoreSales.Grains.Targets;

/// <summary>
/// The attribution report's clock (docs/domain.md, "Attribution report"): an Orleans reminder (persisted, so it survives
/// a silo restart; not a cron job) asks every <see cref="AttributionRunOptions.CheckEvery"/> which month is due
/// (<see cref="AttributionSchedule"/>) on the chain's clock, and has PostgreSQL report it once, set-based
/// (<see cref="IAttributionReports"/>). What is done is read back from the database, so a month missed while the silo
/// was down is reported at the first check after it is back, and a check after that writes nothing.
/// </summary>
/// <remarks>
/// The run can take most of a minute on a large chain, longer than a grain call may: it runs as a task of this
/// activation, started by a check and found under way by the next. A silo shutting down cancels it; its transaction
/// rolls back and the next activation reports the month again.
/// </remarks>
public sealed partial class AttributionReportGrain(
    IAttributionReports reports,
    [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
    IOptions<AttributionOptions> attribution,
    IOptions<ChainCalendarOptions> calendar,
    IOptions<AttributionRunOptions> options,
    ILogger<AttributionReportGrain> logger) : Grain, IAttributionReportGrain, IRemindable, IDisposable
{
    private const string Reminder = "attribution-report";

    private readonly ActivationRun _run = new();
    private AttributionReportStatus _status = new(null, null, null, null);

    async Task IAttributionReportGrain.Start()
    {
        await this.RegisterOrUpdateReminder(Reminder, options.Value.CheckEvery, options.Value.CheckEvery);
        await CheckNow();
    }

    Task<AttributionReportStatus> IAttributionReportGrain.RunIfDue() => CheckNow();

    Task<AttributionReportStatus> IAttributionReportGrain.GetStatus() => Task.FromResult(_status);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => await CheckNow();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _run.Stop(cancellationToken);

    public void Dispose() => _run.Dispose();

    private async Task<AttributionReportStatus> CheckNow()
    {
        var now = clock.GetUtcNow();
        _status = _status with { LastCheckedAt = now };
        if (_run.IsUnderWay)
        {
            return _status;
        }

        var due = AttributionSchedule.LatestDue(now, calendar.Value.Zone(), attribution.Value);
        if (_status.LastReported == due)
        {
            return _status;
        }

        if (await reports.GeneratedAt(due, _run.Stopping) is not null)
        {
            _status = _status with { LastReported = due };
            return _status;
        }

        _status = _status with { Running = due };
        _run.Start(() => Run(due));
        return _status;
    }

    private async Task Run(DateOnly month)
    {
        // Yield first, so that the call which started the run returns while the run goes on in this activation's turns.
        await Task.Yield();
        try
        {
            var run = await reports.Generate(month, clock.GetUtcNow(), _run.Stopping);
            LogReported(month, run.Stores, run.Took);
            _status = _status with { LastReported = month, Running = null, LastRun = run };
        }
        catch (OperationCanceledException) when (_run.Stopping.IsCancellationRequested)
        {
            _status = _status with { Running = null };
        }
        catch (Exception ex)
        {
            LogRunFailed(ex, month);
            _status = _status with { Running = null };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attribution report of {Month:yyyy-MM}: {Stores} stores in {Took}")]
    private partial void LogReported(DateOnly month, int stores, TimeSpan took);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attribution report of {Month:yyyy-MM} failed; the next check tries again")]
    private partial void LogRunFailed(Exception exception, DateOnly month);
}
