using System.Collections.Immutable;
using StoreSales.Abstractions.Customers;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Customers;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Tells each customer of a durable batch's purchases under its member code, off the ack, as <see cref="RepSalesFeed"/>
/// tells reps: the ingest API hands the batch over after the ledger commit and acks without waiting. The member codes
/// are looked up in one statement (<see cref="MemberCustomers"/>: the customer holding the <c>member:</c> key); every
/// sale of a known member goes to that customer's grain, new or not (the grain counts each (store, terminal, sequence)
/// once). A code no customer holds is counted (<see cref="IngestMetrics.MemberSalesUnknown"/>), not an error: the sale
/// stays in the ledger and is the customer's once a customer has the code. A call that fails is counted and the
/// customer told to re-read the ledger. A batch without a member costs one pass over its sales.
/// </summary>
public sealed partial class MemberSalesFeed(IGrainFactory grains, MemberCustomers members, IngestMetrics metrics, ILogger<MemberSalesFeed> logger)
{
    private int _inFlight;

    /// <summary>Batches handed over whose customers have not all answered yet (a gauge, and what tests wait for).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Starts telling the batch's customers of their purchases and returns at once; nothing to do without a member.</summary>
    public void Hear(string storeId, IReadOnlyList<SaleRecord> sales)
    {
        if (!sales.Any(s => !string.IsNullOrWhiteSpace(s.MemberId)))
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        metrics.MemberBatchesInFlight(1);

        // On the thread pool: the look-up and the calls run after the caller's ack, not before it.
        _ = Task.Run(async () =>
        {
            try
            {
                await Send(storeId, sales);
            }
            finally
            {
                metrics.MemberBatchesInFlight(-1);
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    private async Task Send(string storeId, IReadOnlyList<SaleRecord> sales)
    {
        var withMember = sales.Where(s => !string.IsNullOrWhiteSpace(s.MemberId)).ToList();
        IReadOnlyDictionary<string, string> customers;
        try
        {
            customers = await members.Find([.. withMember.Select(s => s.MemberId!).Distinct(StringComparer.Ordinal)], CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The sales are in the ledger: each customer reads them when it next wakes or is told anything.
            metrics.MemberCountFailed(storeId, "lookup_failed");
            LogLookupFailed(exception, storeId, withMember.Count);
            return;
        }

        var unknown = withMember.Where(s => !customers.ContainsKey(s.MemberId!)).ToList();
        if (unknown.Count > 0)
        {
            metrics.MemberSalesUnknown(storeId, unknown.Count);
            LogUnknownMembers(storeId, unknown.Count);
        }

        await Task.WhenAll(withMember
            .Where(s => customers.ContainsKey(s.MemberId!))
            .GroupBy(s => customers[s.MemberId!], StringComparer.Ordinal)
            .Select(customer => Apply(storeId, customer.Key, [.. customer.Select(s => new MemberSale(storeId, s.TerminalId, s.Sequence, s.RungUpAt, s.Total))])));
    }

    private async Task Apply(string storeId, string customerId, ImmutableArray<MemberSale> sales)
    {
        var customer = grains.GetGrain<ICustomerGrain>(customerId);
        try
        {
            await customer.ApplyPurchases(sales);
            return;
        }
        catch (Exception exception)
        {
            metrics.MemberCountFailed(storeId, "failed");
            LogCountFailed(exception, storeId, customerId, sales.Length);
        }

        try
        {
            await customer.Changed(CustomerChange.PurchasesRecorded);
        }
        catch (Exception exception)
        {
            metrics.MemberCountFailed(storeId, "catch_up_failed");
            LogCatchUpFailed(exception, storeId, customerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: {Count} sales carry a member code no customer holds; they stay in the ledger")]
    private partial void LogUnknownMembers(string storeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the member codes of {Count} durable sales could not be looked up; the customers read them from the ledger when they next wake")]
    private partial void LogLookupFailed(Exception exception, string storeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: customer {CustomerId} did not count {Count} durable purchases; it is told to re-read the ledger")]
    private partial void LogCountFailed(Exception exception, string storeId, string customerId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: customer {CustomerId} could not re-read the ledger either; it does when it next wakes")]
    private partial void LogCatchUpFailed(Exception exception, string storeId, string customerId);
}
