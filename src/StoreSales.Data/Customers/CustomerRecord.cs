using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>
/// A customer as stored: identity in its normalised form, ownership and service period, its latest lead, and whether it
/// is in the public pool (<see cref="InPool"/>: released from <see cref="OwnerRepId"/>, who no longer serves it).
/// <see cref="OwnerStoreId"/> is the owner rep's store from master data (null for a rep not in it), which puts the
/// customer in that store manager's team.
/// </summary>
public sealed record CustomerRecord(
    string CustomerId,
    CustomerKind Kind,
    string DisplayName,
    string? Phone,
    string? CreditCode,
    string? MemberCode,
    string OwnerRepId,
    string DepartmentId,
    DateOnly ServiceFrom,
    DateOnly? ServiceTo,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ImportRowKey,
    LeadRecord? LatestLead,
    string? OwnerStoreId = null,
    bool InPool = false);

/// <summary>A customer given to a rep as a lead; open while <see cref="FirstContactAt"/> is null.</summary>
public sealed record LeadRecord(long LeadId, string CustomerId, string RepId, DateTimeOffset AssignedAt, DateTimeOffset? FirstContactAt)
{
    public bool IsOpen => FirstContactAt is null;
}
