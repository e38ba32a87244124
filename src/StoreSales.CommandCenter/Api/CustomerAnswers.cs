using StoreSales.Data.Customers;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.CommandCenter.Api;

/// <summary>A customer created (201), or found again by its import row key (200, nothing added).</summary>
public sealed record CustomerCreatedAnswer(string CustomerId, bool AlreadyImported);

/// <summary>
/// A customer as the viewer may see it. <see cref="ContactMasked"/> says whether the phone is masked
/// (<c>+86 138****8000</c>): it is for everyone but the owner rep. <see cref="InPool"/>: released to the public pool,
/// nobody's until claimed (the owner shown is the one it was released from).
/// </summary>
public sealed record CustomerAnswer(
    string CustomerId,
    string Kind,
    string Name,
    string? Phone,
    string? CreditCode,
    string? MemberCode,
    string OwnerRepId,
    string DepartmentId,
    DateOnly ServiceFrom,
    DateOnly? ServiceTo,
    bool ContactMasked,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    LeadAnswer? Lead,
    bool InPool)
{
    public static CustomerAnswer Of(CustomerRecord customer, CustomerSight sight, DateTimeOffset now, GoldenHoursOptions goldenHours)
    {
        var masked = sight != CustomerSight.Full;
        return new CustomerAnswer(
            customer.CustomerId,
            StoredNames.Of(customer.Kind),
            customer.DisplayName,
            masked ? ContactMask.Phone(customer.Phone) : customer.Phone,
            customer.CreditCode,
            customer.MemberCode,
            customer.OwnerRepId,
            customer.DepartmentId,
            customer.ServiceFrom,
            customer.ServiceTo,
            masked,
            customer.CreatedAt,
            customer.UpdatedAt,
            customer.LatestLead is { } lead ? LeadAnswer.Of(lead, now, goldenHours) : null,
            customer.InPool);
    }
}

/// <summary>
/// A lead and where it stands against the golden 48 hours: <c>Waiting</c> (with the time left), <c>Overdue</c>,
/// <c>ContactedInTime</c> or <c>ContactedLate</c>.
/// </summary>
public sealed record LeadAnswer(
    long LeadId,
    string CustomerId,
    string RepId,
    DateTimeOffset AssignedAt,
    DateTimeOffset FirstContactDueAt,
    DateTimeOffset? FirstContactAt,
    LeadContactStatus Status,
    TimeSpan Remaining)
{
    public static LeadAnswer Of(LeadRecord lead, DateTimeOffset now, GoldenHoursOptions goldenHours)
    {
        var contact = GoldenHoursRule.Evaluate(lead.AssignedAt, lead.FirstContactAt, now, goldenHours);
        return new LeadAnswer(lead.LeadId, lead.CustomerId, lead.RepId, lead.AssignedAt, contact.DueAt, lead.FirstContactAt, contact.Status, contact.Remaining);
    }
}

/// <summary>An interaction recorded, and whether it was the first contact of the rep's open lead on the customer.</summary>
public sealed record InteractionAnswer(long InteractionId, string CustomerId, DateTimeOffset At, bool FirstContact);
