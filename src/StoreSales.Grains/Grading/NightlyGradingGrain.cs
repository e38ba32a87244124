using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Grading;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Grains.Scheduling;

namespace StoreSales.Grains.Grading;

/// <summary>
/// The nightly grading's clock (docs/domain.md, "RFM grade"): an Orleans reminder (persisted, so it survives a silo
/// restart) asks every <see cref="NightlyGradingOptions.CheckEvery"/> whether a date is due
/// (<see cref="NightlyGradingSchedule"/>), and the work itself is PostgreSQL's, set-based (<see cref="ICustomerGrading"/>);
/// no customer grain is woken. Once per date: what is done is read back from the database (<c>grading_run</c>), so a
/// run missed while the silo was down happens at the first check after it is back, and a re-run writes and alerts
/// nothing twice. When a date is graded, the customer grains that are active are told to read their new grade
/// (<see cref="GradePush"/>).
/// </summary>
/// <remarks>
/// The run takes minutes on a large chain, longer than a grain call may: it runs as a task of this activation that the
/// reminder's calls start and find under way, not inside one call. A silo shutting down cancels it; its transaction
/// rolls back and the next activation grades the date again.
/// </remarks>
public sealed partial class NightlyGradingGrain(
    ICustomerGrading grading,
    [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
    IOptions<CustomerGradingOptions> rfm,
    IOptions<ChainCalendarOptions> calendar,
    IOptions<NightlyGradingOptions> options,
    ILogger<NightlyGradingGrain> logger) : Grain, INightlyGradingGrain, IRemindable, IDisposable
{
    private const string Reminder = "nightly-grading";

    private readonly ActivationRun _run = new();
    private DateOnly? _lastGraded;
    private bool _loaded;
    private NightlyGradingStatus _status = new(null, null, 0, 0, 0);

    async Task INightlyGradingGrain.Start()
    {
        await this.RegisterOrUpdateReminder(Reminder, options.Value.CheckEvery, options.Value.CheckEvery);
        await CheckNow();
    }

    Task<NightlyGradingStatus> INightlyGradingGrain.RunIfDue() => CheckNow();

    Task<NightlyGradingStatus> INightlyGradingGrain.GetStatus() => Task.FromResult(_status);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => await CheckNow();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _run.Stop(cancellationToken);

    public void Dispose() => _run.Dispose();

    private async Task<NightlyGradingStatus> CheckNow()
    {
        if (_run.IsUnderWay)
        {
            _status = _status with { LastCheckedAt = clock.GetUtcNow() };
            return _status;
        }

        if (!_loaded)
        {
            _lastGraded = await grading.LastCompleted(_run.Stopping);
            _loaded = true;
            _status = _status with { LastGradedOn = _lastGraded };
        }

        var now = clock.GetUtcNow();
        _status = _status with { LastCheckedAt = now };
        var due = NightlyGradingSchedule.DueNow(now, calendar.Value.Zone(), rfm.Value.NightlyAt, _lastGraded);
        if (due is { } date)
        {
            _status = _status with { Running = date };
            _run.Start(() => Run(date));
        }

        return _status;
    }

    private async Task Run(DateOnly date)
    {
        // Yield first, so that the call which started the run returns while the run goes on in this activation's turns.
        await Task.Yield();
        try
        {
            var result = await grading.Grade(date, clock.GetUtcNow(), _run.Stopping);
            LogGraded(date, result.Customers, result.Drops, result.AlreadyGraded);
            var (raised, allRaised) = await new HealthDropAlerts(GrainFactory, grading, options.Value, logger).Send(date, clock.GetUtcNow(), _run.Stopping);
            if (allRaised)
            {
                await grading.CompleteAlerts(date, clock.GetUtcNow(), _run.Stopping);
                _lastGraded = date;
            }

            var (told, notTold) = await new GradePush(GrainFactory, options.Value, logger).Send(_run.Stopping);
            LogPushed(date, told, notTold);
            await ForgetOldGrades(date);

            _status = new NightlyGradingStatus(_lastGraded, null, result.Customers, result.Drops, raised, _status.LastCheckedAt);
        }
        catch (OperationCanceledException) when (_run.Stopping.IsCancellationRequested)
        {
            _status = _status with { Running = null };
        }
        catch (Exception ex)
        {
            LogRunFailed(ex, date);
            _status = _status with { Running = null };
        }
    }

    /// <summary>
    /// Keeps the grade history bounded (<see cref="NightlyGradingOptions.KeepGradesDays"/>): one set-based delete after the
    /// run. A failure is logged and leaves the rows for the next night's delete, which takes them along.
    /// </summary>
    private async Task ForgetOldGrades(DateOnly date)
    {
        var keepFrom = date.AddDays(-options.Value.KeepGradesDays);
        try
        {
            var forgotten = await grading.ForgetGradesBefore(keepFrom, _run.Stopping);
            LogForgotten(date, forgotten, keepFrom);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogForgetFailed(ex, keepFrom);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly grading of {Date}: {Rows} grades of dates before {KeepFrom} deleted")]
    private partial void LogForgotten(DateOnly date, int rows, DateOnly keepFrom);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grades of dates before {KeepFrom} not deleted; the next night's run tries again")]
    private partial void LogForgetFailed(Exception exception, DateOnly keepFrom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly grading of {Date}: {Customers} customers, {Drops} health drops (already graded: {AlreadyGraded})")]
    private partial void LogGraded(DateOnly date, int customers, int drops, bool alreadyGraded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly grading of {Date}: {Told} active customer grains told of their grade ({NotTold} not told)")]
    private partial void LogPushed(DateOnly date, int told, int notTold);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly grading of {Date} failed; the next check tries again")]
    private partial void LogRunFailed(Exception exception, DateOnly date);
}
