using System.Collections.Immutable;

namespace StoreSales.Abstractions.ContractToCash;

/// <summary>
/// Reads a customer's three-way match counts from the ledger (the board's own query, one customer): what the customer
/// grain rebuilds its live status from when it wakes and whenever a document is recorded for the customer.
/// </summary>
public interface ICustomerMatchReader
{
    /// <summary>The counts per month (oldest first) of the months <c>ContractToCash:LiveMonths</c> up to <paramref name="asOf"/>'s; empty for no account.</summary>
    Task<ImmutableArray<MatchMonthCount>> Read(string customerId, DateOnly asOf, CancellationToken cancellationToken);
}
