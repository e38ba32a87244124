using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Customers;
using StoreSales.Abstractions.Live;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Grains.Customers;

/// <summary>
/// The customer's live three-way match status (docs/design.md "The three-way match is live"): the counts per month are
/// rebuilt from the ledger when the grain wakes and whenever the command center says a contract or document was
/// committed for the customer; each such change goes to every command-center host through the live-update notifier.
/// The ledger stays the source of truth (a notice lost on the way heals at the next document or activation), and a
/// status judged on an earlier chain date is read again when asked, since instalments fall due with the date.
/// </summary>
public sealed partial class CustomerGrain
{
    private CustomerMatchStatus? _match;

    Task<CustomerMatchStatus> ICustomerGrain.GetMatchStatus() =>
        _match is { } match && match.AsOf == ChainToday(_clock.GetUtcNow()) ? Task.FromResult(match) : ReadMatch(CancellationToken.None);

    async Task<CustomerMatchStatus> ICustomerGrain.MatchDocumentsRecorded()
    {
        var status = await ReadMatch(CancellationToken.None);
        // One-way and batched: the grain does not wait for the hosts, and a host that misses it re-reads when its page does.
        await GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).PublishMatchStatus(status);
        return status;
    }

    private async Task<CustomerMatchStatus> ReadMatch(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var asOf = ChainToday(now);
        try
        {
            _match = new CustomerMatchStatus(CustomerId, await _matchReader.Read(CustomerId, asOf, cancellationToken), asOf, now);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The match is a view: a failed read leaves the last counts (or none) rather than failing the customer's activation.
            LogMatchNotRead(exception, CustomerId);
            _match ??= CustomerMatchStatus.Empty(CustomerId, asOf, now);
        }

        return _match;
    }

    private DateOnly ChainToday(DateTimeOffset now) => ChainCalendar.DateOf(now, _zone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: three-way match counts could not be read")]
    private partial void LogMatchNotRead(Exception exception, string customerId);
}
