namespace StoreSales.Domain.SalesForce.Leads;

/// <summary>
/// The golden 48 hours (黄金48小时): a lead assigned to a rep at T must have its first contact (a call or a
/// message, recorded) before T + 48 h; at T + 48 h exactly it is overdue. Elapsed time, not calendar days: the
/// window is a promise to the lead measured in hours. Rule in docs/domain.md ("The sales force").
/// </summary>
public static class GoldenHoursRule
{
    /// <summary>Whether a recorded interaction of this kind is a first contact.</summary>
    public static bool IsFirstContact(InteractionKind kind, GoldenHoursOptions options) => options.FirstContactKinds.Includes(kind);

    /// <summary>The moment the lead becomes overdue without a first contact.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset assignedAt, GoldenHoursOptions options) => assignedAt + options.FirstContactWithin;

    /// <summary>The lead's state at <paramref name="now"/>.</summary>
    /// <param name="assignedAt">When the lead was assigned to its current rep (a reassignment starts a new window).</param>
    /// <param name="firstContactAt">The first interaction of a kind that counts (see <see cref="IsFirstContact"/>), or null.</param>
    /// <param name="now">From the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="options">The window and the kinds that count.</param>
    public static LeadContact Evaluate(DateTimeOffset assignedAt, DateTimeOffset? firstContactAt, DateTimeOffset now, GoldenHoursOptions options)
    {
        var due = DueAt(assignedAt, options);
        if (firstContactAt is { } contacted)
        {
            return new LeadContact(contacted < due ? LeadContactStatus.ContactedInTime : LeadContactStatus.ContactedLate, due, TimeSpan.Zero);
        }

        return now < due
            ? new LeadContact(LeadContactStatus.Waiting, due, due - now)
            : new LeadContact(LeadContactStatus.Overdue, due, TimeSpan.Zero);
    }
}
