using StoreSales.Domain.Sales;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Tests.Infrastructure;

/// <summary>
/// A new outbox numbers each terminal's sales within its epoch (<see cref="TerminalEpoch"/>): the tests name sales by
/// their number within the epoch, as a person counts them, and turn it into the sequence the agent sends.
/// </summary>
internal static class EpochSequences
{
    /// <summary>The sequence of the terminal's <paramref name="number"/>th sale in this outbox's epoch.</summary>
    public static long Seq(this SqliteOutbox outbox, long number) => TerminalEpoch.Sequence(outbox.Queue.Epoch, number);

    /// <summary>A sequence's number within its epoch.</summary>
    public static long Number(long sequence) => TerminalEpoch.NumberOf(sequence);
}
