using System.Collections.Immutable;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Abstractions.Customers;

/// <summary>
/// Reads a customer's facts from PostgreSQL (the source of truth), so a customer grain rebuilds its live state from the
/// tables on activation and on every notification and reminder tick, and routes a dormant customer to the training pool.
/// </summary>
public interface ICustomerFactsReader
{
    /// <summary>
    /// The customer's facts, with the purchases of its member codes since <paramref name="purchasesSince"/> (count and net
    /// amount) and its <paramref name="recentPurchases"/> newest; null for an id no customer has.
    /// </summary>
    Task<CustomerFacts?> Read(string customerId, DateTimeOffset purchasesSince, int recentPurchases, CancellationToken cancellationToken);

    /// <summary>Puts the customer in the training pool for the dormancy that counts from <paramref name="idleSince"/>; false when it is there already.</summary>
    Task<bool> EnterTrainingPool(string customerId, DateTimeOffset idleSince, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Ends the customer's stay in the training pool (activity restarted); false when it was not there.</summary>
    Task<bool> LeaveTrainingPool(string customerId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A customer's facts as the tables hold them; <see cref="MergedInto"/> set: no customer any more.</summary>
/// <param name="Activity">What dormancy counts from (creation or last assignment or claim, last counting interaction, last purchase).</param>
/// <param name="OwnerRepId">The owner (or, in the pool, the rep it was released from).</param>
/// <param name="Owner">The owner rep's store and region from master data; null for a rep not in it.</param>
/// <param name="OpenLead">The lead whose golden 48 hours run, or null.</param>
public sealed record CustomerFacts(
    string CustomerId,
    string? MergedInto,
    CustomerActivity Activity,
    string OwnerRepId,
    RepPlace? Owner,
    OpenLeadFacts? OpenLead,
    bool InPool,
    bool InTrainingPool,
    int WindowPurchaseCount,
    decimal WindowPurchaseAmount,
    ImmutableArray<MemberSale> RecentPurchases)
{
    /// <summary>The customer's last nightly grade and health score (docs/domain.md "RFM grade"); null before its first.</summary>
    public CustomerGradeFacts? LatestGrade { get; init; }
}

/// <summary>One night's grading of a customer as the grain shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerGradeFacts(
    [property: Id(0)] DateOnly GradedOn,
    [property: Id(1)] CustomerGrade Grade,
    [property: Id(2)] int HealthScore);

/// <summary>An open lead: whose, since when, and where its rep works (null when the rep is not in master data).</summary>
public sealed record OpenLeadFacts(long LeadId, string RepId, DateTimeOffset AssignedAt, RepPlace? Rep);

/// <summary>A rep's store and its region (master data).</summary>
public sealed record RepPlace(string StoreId, string RegionId);
