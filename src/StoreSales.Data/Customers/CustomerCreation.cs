using System.Collections.Immutable;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>What creating a customer came to: exactly one of the records below.</summary>
public abstract record CustomerCreation;

/// <summary>A new customer with its keys, committed together.</summary>
public sealed record CustomerCreated(string CustomerId) : CustomerCreation;

/// <summary>The import row key had been imported before: this is the customer it made (nothing was added).</summary>
public sealed record CustomerAlreadyImported(string CustomerId) : CustomerCreation;

/// <summary>
/// A key of the new customer is held by an existing one (one customer, one id): nothing was written. The strongest
/// matching key is named (member code, credit code, phone, then name).
/// </summary>
public sealed record CustomerLikelyDuplicate(string ExistingCustomerId, CustomerKeyKind MatchedBy) : CustomerCreation;

/// <summary>Identity fields given but invalid, each named: nothing was written.</summary>
public sealed record CustomerIdentityRefused(ImmutableArray<IdentityFailure> Failures) : CustomerCreation;
