using System.Globalization;
using CsvHelper;
using StoreSales.Data.Targets;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// The report as CSV: one line per store the caller sees (its figures and the sum per side), then one per cause, so a
/// spreadsheet can pivot either. UTF-8 with a byte-order mark; a field opening with = or @ (a name that could run as a
/// formula) is escaped. <c>priced_in</c> is what the month's applied decomposition had already taken off the target for
/// the cause (so it does not excuse the gap twice). + and - are not: a store that beat its target has a negative gap, and it must stay a number.
/// </summary>
public static class AttributionCsv
{
    public static readonly string[] Columns =
        ["month", "region_id", "store_id", "store_name", "line", "side", "kind", "source", "hours", "target", "actual", "gap", "objective", "management", "unexplained", "estimated_cost", "explained", "priced_in"];

    public static async Task Write(Stream body, AttributionReportView report, CancellationToken cancellationToken)
    {
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape, InjectionCharacters = "=@\t\r" };
        await using var csv = CsvWriter.Create(body, options, leaveOpen: true);
        csv.WriteHeader(Columns);
        var month = report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        foreach (var store in report.Stores)
        {
            var a = store.Attribution;
            await csv.WriteRecordAsync(
                [month, store.RegionId, store.StoreId, store.StoreName, "store", "", "", "", "", N(a.Target), N(a.Actual), N(a.Gap), N(a.Objective), N(a.Management), N(a.Unexplained), "", "", ""],
                cancellationToken);
            foreach (var cause in a.Causes)
            {
                await csv.WriteRecordAsync(
                    [month, store.RegionId, store.StoreId, store.StoreName, "cause", cause.Side.ToString().ToLowerInvariant(), cause.Kind, cause.Source, N(cause.Hours), "", "", "", "", "", "", N(cause.EstimatedCost), N(cause.Explained), N(cause.PricedIn)],
                    cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static string N(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
