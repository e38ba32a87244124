using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Customers;
using StoreSales.CommandCenter.Live;

namespace StoreSales.CommandCenter.ContractToCash;

/// <summary>
/// The live side of contract to cash (docs/design.md "The three-way match is live"). A contract or document committed on
/// this host is told to the customer's grain, which reads its match counts again and sends them to every command-center
/// host; each host's <see cref="LiveBoardFeed"/> passes them to the customer's hub group and, through
/// <see cref="CustomerChanged"/>, to its open boards and contract pages, which re-read in their viewer's scope.
/// Best effort and never throwing: a page that misses a change shows it at its next read.
/// </summary>
public sealed partial class ContractNotices : IDisposable
{
    private readonly IClusterClient _cluster;
    private readonly ILogger<ContractNotices> _logger;
    private readonly IDisposable _watch;

    public ContractNotices(IClusterClient cluster, LiveBoardFeed feed, ILogger<ContractNotices> logger)
    {
        _cluster = cluster;
        _logger = logger;
        _watch = feed.WatchMatches(Relay);
    }

    /// <summary>A customer's match status changed, on whichever host or import; the customer id.</summary>
    public event Action<string>? CustomerChanged;

    /// <summary>Something was committed for the customer here: its grain reads the match again and tells every host.</summary>
    public void Changed(string customerId) =>
        ClusterNotice.Send(
            () => _cluster.GetGrain<ICustomerGrain>(customerId).MatchDocumentsRecorded(),
            exception => LogNotTold(exception, customerId));

    public void Dispose() => _watch.Dispose();

    private void Relay(CustomerMatchStatus status)
    {
        try
        {
            CustomerChanged?.Invoke(status.CustomerId);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A page that failed to re-read is no reason to keep the change from the others.
            LogPageFailed(exception, status.CustomerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: its grain was not told of a recorded document; open pages show it at their next read")]
    private partial void LogNotTold(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: an open page failed to take its match status")]
    private partial void LogPageFailed(Exception exception, string customerId);
}
