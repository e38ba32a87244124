using System.Globalization;

namespace StoreSales.Domain.Sales.DayEnd;

/// <summary>
/// When a <c>reconciliation</c> alert closes itself (docs/domain.md "Day-end reconciliation", "Alert"): the sales its
/// Z covers arrived late and the terminal's day now reconciles to the cent. Resolved by <see cref="ResolvedBy"/> with
/// <see cref="Outcome"/>; a day still not equal keeps its alert open for a person.
/// </summary>
public static class ReconciliationSettled
{
    /// <summary>Who resolves the alert in its history: the reconciliation itself, not a person.</summary>
    public const string ResolvedBy = "reconciliation";

    /// <summary>True when the terminal's day, reconciled again after late sales arrived, closes its alert.</summary>
    public static bool Closes(TerminalDayReconciliation day) => day.Verdict == ReconciliationVerdict.Equal;

    /// <summary>
    /// The alert's outcome: which late sales arrived (by sequence, as a person reads them), when, and that the day is now
    /// equal. English, like every alert's evidence.
    /// </summary>
    public static string Outcome(string terminalId, DateOnly businessDay, IReadOnlyList<long> arrived, DateTimeOffset at)
    {
        var sales = string.Join(", ", arrived.Order().Select(s => $"#{TerminalEpoch.Describe(s)}"));
        var noun = arrived.Count == 1 ? "sale" : "sales";
        return string.Create(CultureInfo.InvariantCulture,
            $"The missing {noun} {sales} of terminal {terminalId} arrived at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC; its Z for {businessDay:yyyy-MM-dd} now equals the ledger and the live figures to the cent.");
    }
}
