using System.Diagnostics;
using System.Globalization;
using StoreSales.Data.Ledger;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// The <c>Server-Timing</c> header of an ingest ack (W3C Server Timing): where the silo spent the batch's time, in
/// milliseconds. <c>before</c>: from the request entering the silo's pipeline to the ingest handler (authentication, whose
/// store-key lookup goes to PostgreSQL once per <c>Access:StoreKeyRecheck</c>, authorization, the request limits);
/// <c>admit</c>: reading, authenticating and validating the body; <c>queued</c>: waiting in its lane for a
/// ledger writer; <c>commit</c>: its group commit, from the writer taking the group to PostgreSQL's COMMIT; <c>count</c>:
/// the store grain counting it (at most <see cref="IngestOptions.CountWait"/>); <c>gc</c>: how long the silo's garbage
/// collector stopped the process meanwhile (it stretches whichever of the others it fell in). What a client measures
/// beyond the first four is the network, the server's scheduling and the client itself.
/// </summary>
public static class IngestServerTiming
{
    private static readonly object ArrivedKey = new();

    /// <summary>Notes when each request enters the pipeline: registered first, so <c>before</c> covers the rest.</summary>
    public static IApplicationBuilder UseIngestArrivalTime(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Items[ArrivedKey] = Stopwatch.GetTimestamp();
            return next(context);
        });

    /// <summary>How long the request was in the pipeline before <paramref name="handlerStarted"/> (a Stopwatch timestamp).</summary>
    public static TimeSpan BeforeHandler(HttpContext context, long handlerStarted) =>
        context.Items.TryGetValue(ArrivedKey, out var arrived) && arrived is long at ? Stopwatch.GetElapsedTime(at, handlerStarted) : TimeSpan.Zero;

    public static string Of(TimeSpan beforeHandler, TimeSpan admitted, LedgerAppended appended, TimeSpan counted, TimeSpan paused) => string.Create(
        CultureInfo.InvariantCulture,
        $"before;dur={beforeHandler.TotalMilliseconds:0.0}, admit;dur={admitted.TotalMilliseconds:0.0}, queued;dur={appended.Queued.TotalMilliseconds:0.0}, commit;dur={appended.Writing.TotalMilliseconds:0.0}, count;dur={counted.TotalMilliseconds:0.0}, gc;dur={paused.TotalMilliseconds:0.0}");
}
