namespace StoreSales.Domain.ContractToCash;

/// <summary>An instalment as the overdue rule sees it: its due date (null: not due yet) and its gross amount.</summary>
public sealed record InstalmentDue(int Seq, DateOnly? DueOn, decimal Gross);

/// <summary>An instalment with what the contract's payments left open of it.</summary>
public sealed record InstalmentStanding(int Seq, DateOnly? DueOn, decimal Gross, decimal Paid)
{
    public decimal Open => Gross - Paid;

    public bool Settled => Open <= 0;
}

/// <summary>
/// When an instalment is overdue (docs/domain.md "Contract to cash"): the payments linked to its contract settle the
/// instalments in order (first instalment first), and an instalment with something open alerts once the customer's
/// local date — in the customer's own time zone, not the server's or the chain's — is
/// <see cref="ContractToCashOptions.OverdueAfterDays"/> or more days past its due date. Pure.
/// </summary>
public static class InstalmentOverdue
{
    /// <summary>Each instalment with what <paramref name="paid"/> (the contract's linked payments in total) settles of it, in order.</summary>
    public static IReadOnlyList<InstalmentStanding> Settle(IReadOnlyList<InstalmentDue> instalments, decimal paid)
    {
        var left = paid;
        var standings = new List<InstalmentStanding>(instalments.Count);
        foreach (var instalment in instalments.OrderBy(i => i.Seq))
        {
            var settles = Math.Min(Math.Max(left, 0), instalment.Gross);
            left -= settles;
            standings.Add(new InstalmentStanding(instalment.Seq, instalment.DueOn, instalment.Gross, settles));
        }

        return standings;
    }

    /// <summary>The customer's calendar date at <paramref name="now"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset now, TimeZoneInfo customerZone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, customerZone).DateTime);

    /// <summary>Whether an open instalment due on <paramref name="dueOn"/> is overdue enough to alert at <paramref name="now"/>.</summary>
    public static bool IsOverdue(DateOnly? dueOn, DateTimeOffset now, TimeZoneInfo customerZone, int overdueAfterDays) =>
        dueOn is { } due && LocalDate(now, customerZone).DayNumber - due.DayNumber >= overdueAfterDays;

    /// <summary>The first instant at which an instalment due on <paramref name="dueOn"/> alerts: the customer's midnight of due + days.</summary>
    public static DateTimeOffset AlertsFrom(DateOnly dueOn, TimeZoneInfo customerZone, int overdueAfterDays)
    {
        var midnight = dueOn.AddDays(overdueAfterDays).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, customerZone.GetUtcOffset(midnight));
    }

    /// <summary>The open instalments that alert at <paramref name="now"/>.</summary>
    public static IReadOnlyList<InstalmentStanding> Overdue(IReadOnlyList<InstalmentDue> instalments, decimal paid, DateTimeOffset now, TimeZoneInfo customerZone, int overdueAfterDays) =>
        [.. Settle(instalments, paid).Where(s => !s.Settled && IsOverdue(s.DueOn, now, customerZone, overdueAfterDays))];
}
