using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.Grains.Customers;

/// <summary>
/// A customer's live state and timers (docs/design.md, "Customers hear of what happens"). PostgreSQL is the source of
/// truth: the grain reads its facts (<see cref="ICustomerFactsReader"/>) when it wakes, when the command center tells it
/// something was committed, when its reminder ticks and when the dormancy sweep tells it a rung was crossed; then it
/// judges. Golden 48 hours: while the customer has an open lead, an Orleans reminder (period
/// <see cref="CustomerGrainOptions.GoldenHoursCheckPeriod"/>) judges it by <see cref="GoldenHoursRule"/> and the
/// alert is raised once per lead; the first contact ends the episode and the reminder. Dormancy: judged by
/// <see cref="DormancyRule"/>; the follow-up reminder once per idle episode; a dormant customer goes to the training pool
/// once per episode. Purchases: the newest till sales of its member codes, each counted once
/// (<see cref="RecentPurchases"/>). Three-way match: the counts per month, read from the ledger on activation and when a
/// document is recorded, pushed to every command-center host (CustomerGrainMatch.cs). Rules in Domain; the grain keeps state and timers.
/// </summary>
public sealed partial class CustomerGrain : Grain, ICustomerGrain, IRemindable
{
    /// <summary>The golden-hours reminder's name (one per customer with an open lead, gone with the first contact).</summary>
    public const string GoldenHoursReminder = "golden-hours";

    private readonly IPersistentState<CustomerState> _state;
    private readonly ICustomerFactsReader _reader;
    private readonly ICustomerMatchReader _matchReader;
    private readonly TimeProvider _clock;
    private readonly CustomerGrainOptions _options;
    private readonly GoldenHoursOptions _goldenHours;
    private readonly DormancyOptions _dormancy;
    private readonly TimeZoneInfo _zone;
    private readonly int _purchaseWindowDays;
    private readonly ILogger<CustomerGrain> _logger;
    private readonly RecentPurchases _recent;

    private CustomerAlerts _alerts = null!;
    private CustomerFacts? _facts;
    private int _windowCount;
    private decimal _windowAmount;
    private DateTimeOffset _checkedAt;
    private bool _reminderSet;

    public CustomerGrain(
        [PersistentState("customer", GrainStorageNames.Live)] IPersistentState<CustomerState> state,
        ICustomerFactsReader reader,
        ICustomerMatchReader matchReader,
        [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
        IOptions<CustomerGrainOptions> options,
        IOptions<GoldenHoursOptions> goldenHours,
        IOptions<DormancyOptions> dormancy,
        IOptions<ChainCalendarOptions> calendar,
        IOptions<CustomerGradingOptions> grading,
        ILogger<CustomerGrain> logger)
    {
        _state = state;
        _reader = reader;
        _matchReader = matchReader;
        _clock = clock;
        _options = options.Value;
        _goldenHours = goldenHours.Value;
        _dormancy = dormancy.Value;
        _zone = calendar.Value.Zone();
        _purchaseWindowDays = grading.Value.WindowDays;
        _logger = logger;
        _recent = new RecentPurchases(_options.RecentPurchases);
    }

    private string CustomerId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _alerts = new CustomerAlerts(GrainFactory, CustomerId, _logger);
        _reminderSet = await this.GetReminder(GoldenHoursReminder, cancellationToken) is not null;
        await Refresh(cancellationToken);
        await ReadMatch(cancellationToken);
    }

    Task ICustomerGrain.Changed(CustomerChange change)
    {
        LogChanged(CustomerId, change);
        return Refresh(CancellationToken.None);
    }

    Task ICustomerGrain.CheckDormancy() => Refresh(CancellationToken.None);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Refresh(CancellationToken.None);

    async Task<PurchasesApplied> ICustomerGrain.ApplyPurchases(ImmutableArray<MemberSale> sales)
    {
        if (_facts is not { MergedInto: null } facts)
        {
            return new PurchasesApplied(0, sales.Length);
        }

        var windowStart = PurchaseWindowStart(_clock.GetUtcNow());
        int applied = 0, repeated = 0;
        var unsure = false;
        foreach (var sale in sales)
        {
            switch (_recent.Add(new TillPurchase(sale.StoreId, sale.TerminalId, sale.Sequence, sale.RungUpAt, sale.Total)))
            {
                case PurchaseHeard.New:
                    applied++;
                    if (sale.RungUpAt >= windowStart)
                    {
                        _windowCount++;
                        _windowAmount += sale.Total;
                    }

                    break;
                case PurchaseHeard.Repeated:
                    repeated++;
                    break;
                default:
                    unsure = true;
                    break;
            }
        }

        if (unsure)
        {
            // Older than every purchase kept: the ledger (which holds each sale once) says what the figures are.
            await Reload(CancellationToken.None);
        }
        else if (_recent.NewestFirst.Count > 0 && _recent.NewestFirst[0].RungUpAt > (facts.Activity.LastPurchaseAt ?? DateTimeOffset.MinValue))
        {
            _facts = facts with { Activity = facts.Activity with { LastPurchaseAt = _recent.NewestFirst[0].RungUpAt } };
        }

        LogPurchases(CustomerId, applied, repeated, unsure);
        return new PurchasesApplied(applied, repeated);
    }

    Task<CustomerLiveFacts> ICustomerGrain.GetLiveFacts()
    {
        var now = _clock.GetUtcNow();
        if (_facts is not { MergedInto: null } facts)
        {
            return Task.FromResult(CustomerLiveFacts.Unknown(CustomerId, _facts?.MergedInto, _checkedAt));
        }

        var lead = facts.OpenLead is { } open ? GoldenHoursRule.Evaluate(open.AssignedAt, null, now, _goldenHours) : null;
        var dormancy = DormancyRule.Evaluate(facts.Activity, now, _zone, _dormancy);
        return Task.FromResult(new CustomerLiveFacts(
            CustomerId,
            true,
            null,
            facts.OpenLead?.LeadId,
            lead?.Status,
            lead?.DueAt,
            dormancy.LastActivityAt,
            dormancy.State,
            dormancy.IdleDays,
            dormancy.NextChangeAt,
            facts.InPool,
            facts.InTrainingPool,
            [.. _recent.NewestFirst.Select(p => new MemberSale(p.StoreId, p.TerminalId, p.Sequence, p.RungUpAt, p.Total))],
            _windowCount,
            _windowAmount,
            _checkedAt)
        {
            Grade = facts.LatestGrade,
        });
    }

    /// <summary>Reads the facts again and judges the rules on them now.</summary>
    private async Task Refresh(CancellationToken cancellationToken)
    {
        await Reload(cancellationToken);
        await Judge(cancellationToken);
    }

    private async Task Reload(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        _facts = await _reader.Read(CustomerId, PurchaseWindowStart(now), _options.RecentPurchases, cancellationToken);
        if (_facts is null)
        {
            LogUnknown(CustomerId);
            return;
        }

        _recent.Reset(_facts.RecentPurchases.Select(p => new TillPurchase(p.StoreId, p.TerminalId, p.Sequence, p.RungUpAt, p.Total)));
        _windowCount = _facts.WindowPurchaseCount;
        _windowAmount = _facts.WindowPurchaseAmount;
    }

    private async Task Judge(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        _checkedAt = now;
        if (_facts is not { MergedInto: null } facts)
        {
            // No customer (any more): nothing to time.
            await SetGoldenHoursReminder(null, now);
            return;
        }

        if (facts.OpenLead is { } lead)
        {
            var contact = GoldenHoursRule.Evaluate(lead.AssignedAt, null, now, _goldenHours);
            if (await _alerts.JudgeLead(lead, contact, _state.State.OverdueRaisedForLeadId == lead.LeadId, now))
            {
                _state.State.OverdueRaisedForLeadId = lead.LeadId;
                await _state.WriteStateAsync(cancellationToken);
            }

            await SetGoldenHoursReminder(contact, now);
        }
        else
        {
            // The first contact (or a merge) closed the lead: the episode is over, and so is its reminder.
            await SetGoldenHoursReminder(null, now);
        }

        await JudgeDormancy(facts, now, cancellationToken);
    }

    private async Task JudgeDormancy(CustomerFacts facts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dormancy = DormancyRule.Evaluate(facts.Activity, now, _zone, _dormancy);

        // In the pool a customer is nobody's: no owner to remind (docs/domain.md, "customer-follow-up-due ... not yet in the pool").
        if (!facts.InPool
            && await _alerts.JudgeFollowUp(facts.OwnerRepId, facts.Owner, dormancy, _state.State.FollowUpRaisedFor == dormancy.LastActivityAt, now))
        {
            _state.State.FollowUpRaisedFor = dormancy.LastActivityAt;
            await _state.WriteStateAsync(cancellationToken);
        }

        if (dormancy.State == DormancyState.Dormant && _state.State.DormantRoutedFor != dormancy.LastActivityAt)
        {
            if (await _reader.EnterTrainingPool(CustomerId, dormancy.LastActivityAt, now, cancellationToken))
            {
                LogTrainingPool(CustomerId, dormancy.IdleDays);
            }

            _state.State.DormantRoutedFor = dormancy.LastActivityAt;
            await _state.WriteStateAsync(cancellationToken);
            _facts = facts with { InTrainingPool = true };
        }
        else if (dormancy.State != DormancyState.Dormant && facts.InTrainingPool)
        {
            await _reader.LeaveTrainingPool(CustomerId, now, cancellationToken);
            _facts = facts with { InTrainingPool = false };
        }
    }

    /// <summary>
    /// Keeps the golden-hours reminder while a lead waits for its first contact (overdue included: its ticks also heal a
    /// lost first-contact notification) and removes it once the lead is closed. The first tick comes at the due moment
    /// when that is nearer than one period.
    /// </summary>
    private async Task SetGoldenHoursReminder(LeadContact? contact, DateTimeOffset now)
    {
        if (contact is not null && !_reminderSet)
        {
            var period = _options.GoldenHoursCheckPeriod;
            var untilDue = contact.DueAt - now;
            var dueTime = untilDue <= TimeSpan.Zero ? TimeSpan.Zero : untilDue < period ? untilDue : period;
            await this.RegisterOrUpdateReminder(GoldenHoursReminder, dueTime, period);
            _reminderSet = true;
        }
        else if (contact is null && _reminderSet)
        {
            if (await this.GetReminder(GoldenHoursReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderSet = false;
        }
    }

    private DateTimeOffset PurchaseWindowStart(DateTimeOffset now) => now.AddDays(-_purchaseWindowDays);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Customer {CustomerId}: told {Change}")]
    private partial void LogChanged(string customerId, CustomerChange change);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Customer {CustomerId}: {Applied} purchases counted, {Repeated} already counted (ledger re-read: {Reread})")]
    private partial void LogPurchases(string customerId, int applied, int repeated, bool reread);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} is not in the customer tables: nothing to time")]
    private partial void LogUnknown(string customerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId}: dormant for {IdleDays} days, routed to the training pool")]
    private partial void LogTrainingPool(string customerId, int idleDays);
}
