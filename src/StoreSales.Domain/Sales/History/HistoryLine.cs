namespace StoreSales.Domain.Sales.History;

/// <summary>
/// One checked row of a history file: a line of the sale rung up on <see cref="TerminalId"/> (the history terminal id
/// space, <see cref="HistoryTerminals"/>) at <see cref="Sequence"/> (the second it was rung up, in Unix seconds). Units
/// and amounts are whole thousandths and cents, exact at the ledger's scales.
/// </summary>
public readonly record struct HistoryLine(
    string StoreId, string TerminalId, long Sequence, DateTime LocalHour, string ItemCode, long MilliUnits, long Cents)
{
    /// <summary>The moment the sale was rung up (UTC), from its sequence.</summary>
    public DateTimeOffset RungUpAt => DateTimeOffset.FromUnixTimeSeconds(Sequence);

    /// <summary>The unit price in cents, rounded half away from zero (the file gives the line's amount and quantity).</summary>
    /// <remarks>
    /// In whole numbers for a checked line (amount 0 or more, quantity more than 0): ⌊(2 × cents × 1000 + m) / 2m⌋ is the
    /// quotient rounded half up, without a decimal division per line of a ten-million-row import.
    /// </remarks>
    public long UnitCents => Cents is >= 0 and <= long.MaxValue / 4_000 && MilliUnits is > 0 and <= long.MaxValue / 4
        ? ((Cents * 2_000) + MilliUnits) / (2 * MilliUnits)
        : (long)Math.Round(Cents * 1000m / MilliUnits, MidpointRounding.AwayFromZero);
}

/// <summary>Why a row of a history file was not imported: the column at fault (null: the line itself), a reason code and a sentence.</summary>
public sealed record HistoryRowProblem(string? Field, string Reason, string Message);

/// <summary>The outcome of checking one row: a line to import, or the problem with it.</summary>
public readonly record struct HistoryRowCheck(HistoryLine? Line, HistoryRowProblem? Problem);
