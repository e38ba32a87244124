namespace StoreSales.Data.Customers;

/// <summary>What merging two customer records came to: exactly one of the records below.</summary>
public abstract record CustomerMerge;

/// <summary>
/// The merged record's keys, interactions and leads now belong to the kept customer, which took the contact fields it
/// lacked; the merged record points at it, and the merge is in the audit.
/// </summary>
public sealed record CustomersMerged(string KeptId, string MergedId, int KeysMoved, int InteractionsMoved, int LeadsMoved, DateTimeOffset MergedAt) : CustomerMerge;

/// <summary>One of the two is no customer (unknown, or itself merged before): nothing changed.</summary>
public sealed record MergeCustomerUnknown(string CustomerId) : CustomerMerge;

/// <summary>Both records have an open lead, and a customer has one open lead at most: nothing changed.</summary>
public sealed record MergeRefusedBothLeadsOpen(string KeptId, string MergedId) : CustomerMerge;
