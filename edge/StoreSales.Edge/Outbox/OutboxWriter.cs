using Microsoft.Data.Sqlite;
using Polly;
using StoreSales.Edge.Resilience;

namespace StoreSales.Edge.Outbox;

/// <summary>
/// Writes a device's capture to the outbox database until the disk takes it (<see cref="RetryUntilItWorks"/>):
/// a till or printer line has no resend, so giving up would lose the sale. Waits 200 ms, doubling to 30 s.
/// </summary>
internal sealed class OutboxWriter
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private static readonly ResiliencePropertyKey<string?> ReceiptNumber = new("StoreSales.Edge.ReceiptNumber");

    private readonly ResiliencePipeline<long> _pipeline;

    /// <param name="onFailure">Called on each failed write with the error, the receipt number and the attempt (1-based): log it.</param>
    public OutboxWriter(TimeProvider time, Action<Exception, string?, int> onFailure)
    {
        _pipeline = RetryUntilItWorks.Create<long>(
            FirstDelay,
            MaxDelay,
            time,
            shouldRetry: o => o.Exception is SqliteException or IOException or InvalidOperationException,
            onRetry: args =>
            {
                args.Context.Properties.TryGetValue(ReceiptNumber, out var receipt);
                onFailure(args.Outcome.Exception!, receipt, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>Runs <paramref name="write"/> until it succeeds; its result (the sequence or row id).</summary>
    public async ValueTask<long> WriteAsync(Func<long> write, string? receiptNumber, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ReceiptNumber, receiptNumber);
        try
        {
            return await _pipeline.ExecuteAsync(static (_, w) => ValueTask.FromResult(w()), context, write);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
