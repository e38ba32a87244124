using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using StoreSales.Abstractions.Customers;

namespace StoreSales.Grains.Grading;

/// <summary>
/// After a night's grading, the customer grains that are active (someone has the customer open, a lead is running, a
/// sale just came in) are told to read their new grade; the others read it when they next wake. Asks the cluster which
/// customer grains are active rather than waking a million: the grading itself stays set-based in PostgreSQL.
/// A grain that cannot be told is logged and counted; it has the grade at its next refresh.
/// </summary>
internal sealed partial class GradePush(IGrainFactory grains, NightlyGradingOptions options, ILogger logger)
{
    /// <summary>Tells every active customer grain; returns how many were told and how many could not be.</summary>
    public async Task<(int Told, int Failed)> Send(CancellationToken cancellationToken)
    {
        // A reference makes no activation: it only names the customer grains' type for the management grain.
        var customerType = grains.GetGrain<ICustomerGrain>("type").GetGrainId().Type;
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(customerType, cancellationToken);
        int told = 0, failed = 0;
        await Parallel.ForEachAsync(
            active,
            new ParallelOptions { MaxDegreeOfParallelism = options.GradePushConcurrency, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<ICustomerGrain>(id).Changed(CustomerChange.Graded);
                    Interlocked.Increment(ref told);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    LogPushFailed(exception, id);
                }
            });
        return (told, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer grain {GrainId} was not told of its new grade; it reads it at its next refresh")]
    private partial void LogPushFailed(Exception exception, GrainId grainId);
}
