using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>Where a captured Z report (day-end report) goes: the outbox's <see cref="DayEndReports"/>.</summary>
public interface IZReportSink
{
    /// <summary>
    /// Stores <paramref name="z"/> with the terminal's last sale sequence (<see cref="ZReportRecord.LastSequence"/>) read
    /// in the same transaction; false when the terminal already has a Z for that business day (kept as it was).
    /// </summary>
    bool AppendZ(ZReportRecord z);
}
