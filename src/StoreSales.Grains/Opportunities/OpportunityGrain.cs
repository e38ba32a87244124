using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Grains.Opportunities;

/// <summary>
/// An opportunity's live state and ageing timer (docs/domain.md "Opportunities"). PostgreSQL is the source of truth:
/// the grain reads the facts (<see cref="IOpportunityFactsReader"/>) when it wakes, when the command center tells it a
/// change was committed, and on its reminder's ticks (period <see cref="OpportunityOptions.AgeingCheckPeriod"/>, while
/// the opportunity is open); then it judges the age by <see cref="OpportunityAgeing"/> on the sales-force clock and raises
/// <c>opportunity-stalled</c> once per idle episode. The rules are Domain's; the grain keeps the state and the timer.
/// </summary>
public sealed partial class OpportunityGrain : Grain, IOpportunityGrain, IRemindable
{
    /// <summary>The ageing reminder's name (one per open opportunity).</summary>
    public const string AgeingReminder = "ageing";

    private readonly IPersistentState<OpportunityState> _state;
    private readonly IOpportunityFactsReader _reader;
    private readonly TimeProvider _clock;
    private readonly OpportunityOptions _options;
    private readonly ILogger<OpportunityGrain> _logger;

    private OpportunityAlerts _alerts = null!;
    private OpportunityFacts? _facts;
    private OpportunityAge? _age;
    private DateTimeOffset _checkedAt;
    private bool _reminderSet;

    public OpportunityGrain(
        [PersistentState("opportunity", GrainStorageNames.Live)] IPersistentState<OpportunityState> state,
        IOpportunityFactsReader reader,
        [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
        IOptions<OpportunityOptions> options,
        ILogger<OpportunityGrain> logger)
    {
        _state = state;
        _reader = reader;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    private string OpportunityId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _alerts = new OpportunityAlerts(GrainFactory, OpportunityId, _logger);
        _reminderSet = await this.GetReminder(AgeingReminder, cancellationToken) is not null;
        await Refresh(cancellationToken);
    }

    Task IOpportunityGrain.Changed() => Refresh(CancellationToken.None);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Refresh(CancellationToken.None);

    Task<OpportunityLive?> IOpportunityGrain.GetLive() =>
        Task.FromResult(_facts is { } facts && _age is { } age
            ? new OpportunityLive(facts, age.Colour, age.Idle, age.NextChangeAt, _checkedAt, _state.State.StalledRaisedFor == facts.LastActivityAt)
            : null);

    private async Task Refresh(CancellationToken cancellationToken)
    {
        _facts = await _reader.Read(OpportunityId, cancellationToken);
        var now = _clock.GetUtcNow();
        _checkedAt = now;
        if (_facts is not { Closed: false } facts)
        {
            // Unknown or closed: nothing to age.
            _age = _facts is null ? null : new OpportunityAge(AgeingColour.Green, TimeSpan.Zero, null);
            await SetReminder(false);
            return;
        }

        var path = _options.PathOf(facts.ProductLine);
        var stage = path.Find(facts.Stage) ?? new OpportunityStage(facts.Stage, path.Stages.Length, [], _options.YellowAfter, _options.StalledAfter);
        _age = OpportunityAgeing.Evaluate(stage, facts.LastActivityAt, now);
        var raisedBefore = _state.State.StalledRaisedFor == facts.LastActivityAt;
        if (await _alerts.JudgeStalled(facts, _age, raisedBefore, now))
        {
            _state.State.StalledRaisedFor = facts.LastActivityAt;
            await _state.WriteStateAsync(cancellationToken);
        }

        await SetReminder(true);
    }

    private async Task SetReminder(bool wanted)
    {
        if (wanted && !_reminderSet)
        {
            await this.RegisterOrUpdateReminder(AgeingReminder, _options.AgeingCheckPeriod, _options.AgeingCheckPeriod);
            _reminderSet = true;
        }
        else if (!wanted && _reminderSet)
        {
            if (await this.GetReminder(AgeingReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderSet = false;
        }
    }
}
