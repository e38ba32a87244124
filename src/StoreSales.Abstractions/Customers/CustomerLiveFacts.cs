using System.Collections.Immutable;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.Abstractions.Customers;

/// <summary>
/// A customer's live state as its grain holds it. <see cref="Known"/> false: no such customer (or it was merged into
/// another, <see cref="MergedInto"/>); nothing else is filled. <see cref="CheckedAt"/> is when the grain last judged
/// its rules (by its clock).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomerLiveFacts(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool Known,
    [property: Id(2)] string? MergedInto,
    [property: Id(3)] long? OpenLeadId,
    [property: Id(4)] LeadContactStatus? LeadStatus,
    [property: Id(5)] DateTimeOffset? FirstContactDueAt,
    [property: Id(6)] DateTimeOffset? LastActivityAt,
    [property: Id(7)] DormancyState? Dormancy,
    [property: Id(8)] int IdleDays,
    [property: Id(9)] DateTimeOffset? NextDormancyChangeAt,
    [property: Id(10)] bool InPool,
    [property: Id(11)] bool InTrainingPool,
    [property: Id(12)] ImmutableArray<MemberSale> RecentPurchases,
    [property: Id(13)] int WindowPurchaseCount,
    [property: Id(14)] decimal WindowPurchaseAmount,
    [property: Id(15)] DateTimeOffset CheckedAt)
{
    /// <summary>The last nightly grade, pushed to an active grain when the night's run is done; null before the first.</summary>
    [Id(16)]
    public CustomerGradeFacts? Grade { get; init; }

    public static CustomerLiveFacts Unknown(string customerId, string? mergedInto, DateTimeOffset now) =>
        new(customerId, false, mergedInto, null, null, null, null, null, 0, null, false, false, [], 0, 0, now);
}
