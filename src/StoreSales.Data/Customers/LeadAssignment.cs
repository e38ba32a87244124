namespace StoreSales.Data.Customers;

/// <summary>What assigning a lead came to: exactly one of the records below.</summary>
public abstract record LeadAssignment;

/// <summary>The customer is now the rep's lead (and the rep its owner); the golden 48 hours run from its assignment.</summary>
public sealed record LeadAssigned(LeadRecord Lead) : LeadAssignment;

/// <summary>There is no such customer (or it was merged into another): nothing changed.</summary>
public sealed record LeadCustomerUnknown(string CustomerId) : LeadAssignment;

/// <summary>The customer already has an open lead (one open lead per customer): nothing changed.</summary>
public sealed record LeadAlreadyOpen(LeadRecord Open) : LeadAssignment;
