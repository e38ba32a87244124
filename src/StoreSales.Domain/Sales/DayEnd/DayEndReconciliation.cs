using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace StoreSales.Domain.Sales.DayEnd;

/// <summary>How a terminal's day ends up after comparing its Z with the ledger and the store grain.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReconciliationVerdict>))]
public enum ReconciliationVerdict
{
    /// <summary>Z, ledger and grain agree to the cent.</summary>
    Equal,

    /// <summary>They differ, and the listed sales account for the difference (sales after the Z, sales missing or refused).</summary>
    Explained,

    /// <summary>They differ and nothing listed accounts for it: someone has to look.</summary>
    Unexplained,
}

/// <summary>Why a sale is listed under a difference.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReconciliationReason>))]
public enum ReconciliationReason
{
    /// <summary>A sequence the Z covers that the ledger does not have and the agent did not report refused (not arrived yet, or lost).</summary>
    Missing,

    /// <summary>A sequence the Z covers that the server refused (in the agent's rejected table).</summary>
    Rejected,

    /// <summary>A sale of the same business day rung up after the Z (its sequence above the Z's last one): in the ledger, not in the Z.</summary>
    AfterZ,

    /// <summary>A sale in the ledger the store grain has not counted (its live figures miss it).</summary>
    NotCounted,
}

/// <summary>One sale listed under a difference; total and time are known only for sales the ledger has.</summary>
public sealed record ReconciliationItem(ReconciliationReason Reason, long Sequence, decimal? Total = null, DateTimeOffset? RungUpAt = null);

/// <summary>One terminal's business day: the three sets of figures, the differences and the sales that explain them.</summary>
public sealed record TerminalDayReconciliation(
    string TerminalId,
    DateOnly BusinessDay,
    ReconciliationVerdict Verdict,
    DayFigures Z,
    DayFigures Ledger,
    DayFigures? Grain,
    DayFigures ZMinusLedger,
    DayFigures? LedgerMinusGrain,
    ImmutableArray<ReconciliationItem> Items,
    long MoreItems);

/// <summary>
/// Day-end reconciliation (docs/domain.md "Day-end reconciliation"): a terminal's Z against the ledger's sales of the
/// same business day and against what the store grain counted of them. Pure: the caller reads the ledger and asks the
/// grain; this only compares and explains.
/// </summary>
public static class DayEndReconciliationRule
{
    /// <param name="z">The till's Z report.</param>
    /// <param name="coveredFrom">
    /// The first sequence the Z covers: the previous Z's last sequence + 1; null for a terminal's first Z (then the
    /// day's first sale in the ledger starts the range, so a gap before it cannot be seen).
    /// </param>
    /// <param name="ledgerDay">The ledger's sales of the terminal rung up on the business day (store's time zone).</param>
    /// <param name="grainUncounted">The ledger day's sequences the store grain has not counted; null when the grain was not asked.</param>
    /// <param name="maxItems">Most sales listed; the rest are counted in <see cref="TerminalDayReconciliation.MoreItems"/>.</param>
    public static TerminalDayReconciliation Reconcile(
        ZReport z,
        long? coveredFrom,
        IReadOnlyList<DayEndSale> ledgerDay,
        IReadOnlySet<long>? grainUncounted,
        int maxItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        var ledger = DayFigures.Of(ledgerDay);
        var grain = grainUncounted is null ? null : DayFigures.Of(ledgerDay.Where(s => !grainUncounted.Contains(s.Sequence)));
        var zMinusLedger = z.Figures.Minus(ledger);
        var ledgerMinusGrain = grain is null ? null : ledger.Minus(grain);

        var items = new List<ReconciliationItem>();
        var afterZ = ledgerDay.Where(s => s.Sequence > z.LastSequence).OrderBy(s => s.Sequence).ToList();
        items.AddRange(afterZ.Select(s => new ReconciliationItem(ReconciliationReason.AfterZ, s.Sequence, s.Total, s.RungUpAt)));

        var (absent, absentCount) = AbsentSequences(z, coveredFrom, ledgerDay, maxItems);
        items.AddRange(absent.Select(sequence => new ReconciliationItem(
            z.RejectedSequences.Contains(sequence) ? ReconciliationReason.Rejected : ReconciliationReason.Missing,
            sequence)));

        if (grainUncounted is not null)
        {
            items.AddRange(ledgerDay.Where(s => grainUncounted.Contains(s.Sequence)).OrderBy(s => s.Sequence)
                .Select(s => new ReconciliationItem(ReconciliationReason.NotCounted, s.Sequence, s.Total, s.RungUpAt)));
        }

        var upToZ = DayFigures.Of(ledgerDay.Where(s => s.Sequence <= z.LastSequence));
        var verdict = Verdict(z.Figures.Minus(upToZ), zMinusLedger, ledgerMinusGrain, absentCount + afterZ.Count);
        return new TerminalDayReconciliation(
            z.TerminalId,
            z.BusinessDay,
            verdict,
            z.Figures,
            ledger,
            grain,
            zMinusLedger,
            ledgerMinusGrain,
            [.. items.Take(maxItems)],
            Math.Max(0, items.Count - maxItems) + (absentCount - absent.Count));
    }

    /// <summary>
    /// Equal when nothing differs and no sale is missing or after the Z (a missing sale and one after the Z of the same
    /// amount cancel out in the sums, and are still not an equal day). Otherwise explained when the Z matches the ledger's sales up to it (the rest are
    /// sales after the Z), or when sequences the Z covers are absent from the ledger (their amounts are unknown, their
    /// sequences are named); a grain that missed sales is explained by the sales it missed.
    /// </summary>
    private static ReconciliationVerdict Verdict(DayFigures zMinusUpToZ, DayFigures zMinusLedger, DayFigures? ledgerMinusGrain, long outOfRange)
    {
        if (zMinusLedger.IsZero && (ledgerMinusGrain?.IsZero ?? true) && outOfRange == 0)
        {
            return ReconciliationVerdict.Equal;
        }

        return zMinusUpToZ.IsZero || outOfRange > 0 ? ReconciliationVerdict.Explained : ReconciliationVerdict.Unexplained;
    }

    /// <summary>
    /// The sequences from the covered range's start to the Z's last one that the ledger lacks: how many, and the first
    /// <paramref name="max"/> of them ascending. Counted from the range's length, so a wild range costs no loop over it.
    /// </summary>
    private static (List<long> Listed, long Count) AbsentSequences(ZReport z, long? coveredFrom, IReadOnlyList<DayEndSale> ledgerDay, int max)
    {
        var present = ledgerDay.Select(s => s.Sequence).ToHashSet();
        var from = Math.Max(1, coveredFrom ?? (present.Count == 0 ? z.LastSequence + 1 : present.Min()));

        // A reinstalled agent counts in a later terminal epoch: the Z covers the new epoch from its first sale, and the
        // numbers between the epochs were never sales.
        var epoch = TerminalEpoch.Of(z.LastSequence);
        if (TerminalEpoch.Of(from) != epoch && from <= z.LastSequence)
        {
            from = TerminalEpoch.Sequence(epoch, 1);
        }
        if (from > z.LastSequence)
        {
            return ([], 0);
        }

        var count = z.LastSequence - from + 1 - present.Count(s => s >= from && s <= z.LastSequence);
        var listed = new List<long>();
        for (var sequence = from; sequence <= z.LastSequence && listed.Count < Math.Min(max, count); sequence++)
        {
            if (!present.Contains(sequence))
            {
                listed.Add(sequence);
            }
        }

        return (listed, count);
    }
}
