namespace StoreSales.Domain.Sales.DayEnd;

/// <summary>
/// A till's day-end report (Z report, 日结) as the edge agent captured it: the till's own figures for its business
/// day, the moment the till closed the day, and <see cref="LastSequence"/>, the agent's last sale sequence of the
/// terminal when the Z arrived — every sale up to it was rung up before the Z, every sale above it after.
/// <see cref="RejectedSequences"/> are the sequences the server refused (the agent kept them in its rejected table).
/// </summary>
public sealed record ZReport(
    string TerminalId,
    DateOnly BusinessDay,
    string? ZNumber,
    DateTimeOffset ClosedAt,
    long LastSequence,
    DayFigures Figures,
    IReadOnlySet<long> RejectedSequences);
