using System.Diagnostics.Metrics;
using StoreSales.Abstractions.Customers;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Tells a customer's grain what an endpoint has just committed (docs/design.md, "Customers hear of what happens"). After
/// the commit, never instead of it: PostgreSQL already holds the change, so a notification that fails or is slow is
/// logged and counted (<c>storesales.customers.notifications.failed</c>) and never fails the request; the grain reads the
/// same facts at its next reminder tick, sweep or notification.
/// </summary>
public sealed partial class CustomerGrainNotifier
{
    // A grain that does not answer soon is left to heal itself from the tables; the person's request does not wait for it.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    private readonly IClusterClient _cluster;
    private readonly ILogger<CustomerGrainNotifier> _logger;
    private readonly Counter<long> _failed;

    public CustomerGrainNotifier(IClusterClient cluster, IMeterFactory meterFactory, ILogger<CustomerGrainNotifier> logger)
    {
        _cluster = cluster;
        _logger = logger;
        _failed = meterFactory.Create(CustomerMetrics.MeterName)
            .CreateCounter<long>("storesales.customers.notifications.failed", description: "Customer grain notifications after a commit that failed or timed out (the grain heals from the tables), by change");
    }

    /// <summary>Tells the grain of each customer named; returns once told, or once the failure is logged and counted.</summary>
    public async Task Tell(CustomerChange change, params string[] customerIds)
    {
        foreach (var customerId in customerIds)
        {
            try
            {
                await _cluster.GetGrain<ICustomerGrain>(customerId).Changed(change).WaitAsync(Wait);
            }
            catch (Exception exception)
            {
                _failed.Add(1, new KeyValuePair<string, object?>("change", change.ToString()));
                LogFailed(exception, customerId, change);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: the grain was not told of {Change}; it reads it from the tables at its next tick")]
    private partial void LogFailed(Exception exception, string customerId, CustomerChange change);
}
