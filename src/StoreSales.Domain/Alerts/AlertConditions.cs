namespace StoreSales.Domain.Alerts;

/// <summary>The conditions a store's and the sales force's rules raise alerts for, as they appear in alert keys and the inbox.</summary>
public static class AlertConditions
{
    /// <summary>A store's day is red and behind pace: the field supervisor should act.</summary>
    public const string DayBehind = "day-behind";

    /// <summary>A store's day is red and ahead of pace: HQ should check the target (calibration flag).</summary>
    public const string DayAheadCalibration = "day-ahead-calibration";

    /// <summary>Sales are waiting at the store for longer than they should: the store's feed to HQ is lagging.</summary>
    public const string FeedLagging = "feed-lagging";

    /// <summary>A store's edge agent reports its outbox near (or past) its disk bound: the store PC may run out of disk.</summary>
    public const string OutboxNearFull = "outbox-near-full";

    /// <summary>A store PC's clock is further from the server's than allowed: till times are suspect.</summary>
    public const string ClockSkew = "clock-skew";

    /// <summary>
    /// Too many of a terminal's scans, charged to one cashier on one day, reached no receipt (scan-vs-receipt check):
    /// the store manager should look. Raised as <c>loss-prevention:{terminal}:{cashier}:{day}</c>.
    /// </summary>
    public const string LossPrevention = "loss-prevention";

    /// <summary>A lead assigned to a rep has had no first contact (call or message) within the golden 48 hours.</summary>
    public const string LeadFirstContactOverdue = "lead-first-contact-overdue";

    /// <summary>A customer has had no recorded interaction for 30 days: its owner should follow up before it goes to the pool.</summary>
    public const string CustomerFollowUpDue = "customer-follow-up-due";

    /// <summary>A departing rep's customer was not handed over within 72 hours.</summary>
    public const string HandOverOverdue = "hand-over-overdue";

    /// <summary>A customer's health score fell past its threshold (or by too many points) in the nightly grading.</summary>
    public const string CustomerHealthDropped = "customer-health-dropped";

    /// <summary>A rep's period is red and behind pace against their target.</summary>
    public const string RepBehindTarget = "rep-behind-target";

    /// <summary>An opportunity has had no activity in its stage for the stage's stalled limit (14 days by default).</summary>
    public const string OpportunityStalled = "opportunity-stalled";
    /// <summary>A B2B order was held by the credit check (overdue receivables or over the limit): the supervisor should look at the customer.</summary>
    public const string CreditHold = "credit-hold";
    /// <summary>An approval request still pending past its due time (Approvals:Sla): its approvers' supervisor should chase it.</summary>
    public const string ApprovalOverdue = "approval-overdue";

    /// <summary>
    /// A batch sent a (terminal, sequence) the ledger holds with other content, and was refused: an edge agent counting
    /// again from sequences it had used (an old agent reinstalled with an empty outbox), or a forged batch. The store
    /// manager should look at that terminal's PC; once per terminal and store day.
    /// </summary>
    public const string SequenceConflict = "sequence-conflict";

    /// <summary>A till's Z report (日结) and the ledger differ for a business day: the store manager should look (docs/domain.md "Day-end reconciliation").</summary>
    public const string Reconciliation = "reconciliation";

    /// <summary>An instalment of a contract's receivable plan still open ContractToCash:OverdueAfterDays past due: the rep and finance chase the payment.</summary>
    public const string InstalmentOverdue = "instalment-overdue";

    private const string DeviceOfflinePrefix = "device-offline-";

    /// <summary>A till or scanner offline during opening hours; one condition per device.</summary>
    public static string DeviceOffline(string terminalId, string kind) => $"{DeviceOfflinePrefix}{terminalId}-{kind}";
}
