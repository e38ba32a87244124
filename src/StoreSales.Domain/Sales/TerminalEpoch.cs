namespace StoreSales.Domain.Sales;

/// <summary>
/// A sale's sequence carries its terminal's epoch: the high 32 bits are the epoch an edge agent chose when its outbox
/// was created, the low 32 bits the number the terminal counts up from 1 within that epoch. An agent reinstalled with an
/// empty outbox (a new PC, a wiped disk) starts a new epoch, so it never sends a sequence its terminal used before, and
/// the ledger's key (store, terminal, sequence) stays the sale's identity without a new column. Within an epoch the
/// numbers are consecutive, so a gap still means a missing sale; between epochs it means nothing.
/// </summary>
/// <remarks>
/// Epoch 0 is what agents wrote before epochs: their sequences are plain counts 1, 2, 3… and an outbox they created keeps
/// counting that way. A new outbox's epoch is the seconds from <see cref="Origin"/> to its creation: a later install has a
/// later epoch (the sequence log relies on that to start the new epoch's count), and 2^31 seconds reach past 2088 while
/// the sequence stays a positive 63-bit number.
/// </remarks>
public static class TerminalEpoch
{
    private const int NumberBits = 32;
    private const long NumberMask = (1L << NumberBits) - 1;

    /// <summary>Epoch 1 is the first second of 2020 (UTC).</summary>
    public static readonly DateTimeOffset Origin = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The greatest epoch: its sequences still fit a positive bigint.</summary>
    public const long MaxEpoch = int.MaxValue;

    /// <summary>The epoch of <paramref name="sequence"/> (0 for sequences written before epochs).</summary>
    public static long Of(long sequence) => sequence >> NumberBits;

    /// <summary>The number of <paramref name="sequence"/> within its epoch (1 for the epoch's first sale).</summary>
    public static long NumberOf(long sequence) => sequence & NumberMask;

    /// <summary>The sequence of the <paramref name="number"/>th sale of <paramref name="epoch"/>.</summary>
    public static long Sequence(long epoch, long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, MaxEpoch);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, NumberMask);
        return (epoch << NumberBits) | number;
    }

    /// <summary>The sequence just below the first of <paramref name="epoch"/>: where a count of that epoch starts.</summary>
    public static long Before(long epoch) => epoch << NumberBits;

    /// <summary>The epoch of an outbox created at <paramref name="createdAt"/>: its seconds since <see cref="Origin"/>, at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The clock reads before 2020 or after the last epoch: it is wrong, and an epoch from it could repeat one used before.</exception>
    public static long At(DateTimeOffset createdAt)
    {
        var seconds = (long)Math.Floor((createdAt - Origin).TotalSeconds);
        if (seconds < 1 || seconds > MaxEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(createdAt), createdAt, "The clock is outside 2020–2088: set the store PC's clock before its outbox is created.");
        }

        return seconds;
    }

    /// <summary>How a sequence reads to a person: the plain number for epoch 0, else "number (epoch E)".</summary>
    public static string Describe(long sequence) =>
        Of(sequence) == 0 ? sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{NumberOf(sequence)} (epoch {Of(sequence)})");
}
