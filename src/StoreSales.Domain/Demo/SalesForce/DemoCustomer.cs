using System.Collections.Immutable;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.Demo.SalesForce;

/// <summary>A customer of the demo chain, as raw as a rep would type it in (the phone in its local form).</summary>
public sealed record DemoCustomer(
    string CustomerId,
    CustomerKind Kind,
    string Name,
    string Phone,
    string? MemberCode,
    string? CreditCode,
    string OwnerRepId,
    string DepartmentId,
    DateTimeOffset CreatedAt,
    DemoCustomerState State,
    ImmutableArray<DemoInteraction> Interactions,
    DateTimeOffset? OpenLeadAssignedAt)
{
    /// <summary>The identity deduplication sees (the keys the customer holds).</summary>
    public CustomerIdentity Identity => new(Kind, Name, MemberCode, Phone, CreditCode);
}

/// <summary>Something a demo rep recorded with a demo customer.</summary>
public sealed record DemoInteraction(InteractionKind Kind, DateTimeOffset At, string Outcome);

/// <summary>A demo rep who is given customers: members in a store's retail team, accounts in a B2B team.</summary>
public sealed record DemoRepSeat(string RepId, string DepartmentId, CustomerKind Serves);
