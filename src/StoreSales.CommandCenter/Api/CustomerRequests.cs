namespace StoreSales.CommandCenter.Api;

/// <summary>A customer to create. Kind <c>member</c> (a person) or <c>account</c> (a business).</summary>
/// <param name="Kind"><c>member</c> or <c>account</c>.</param>
/// <param name="Name">Required: a person's or a company's name.</param>
/// <param name="Phone">Any common way of writing it (<c>+86 138 0013 8000</c>, <c>13800138000</c>); stored in E.164.</param>
/// <param name="CreditCode">An account's unified social credit code (18 characters, check character valid).</param>
/// <param name="MemberCode">A member's POS member code.</param>
/// <param name="OwnerRepId">The rep who serves the customer; a rep creating for themselves may leave it out.</param>
/// <param name="DepartmentId">The sales team (a store's own team is the store's id).</param>
/// <param name="ServiceFrom">First day of the service period; today (chain calendar) when left out.</param>
/// <param name="ServiceTo">Last day of the service period, if it has one.</param>
/// <param name="ImportRowKey">An import's row key: sending the same row again answers with the customer it made.</param>
public sealed record CreateCustomerRequest(
    string? Kind,
    string? Name,
    string? Phone = null,
    string? CreditCode = null,
    string? MemberCode = null,
    string? OwnerRepId = null,
    string? DepartmentId = null,
    DateOnly? ServiceFrom = null,
    DateOnly? ServiceTo = null,
    string? ImportRowKey = null);

/// <summary>An interaction the signed-in rep had with the customer; its time is when the server records it.</summary>
/// <param name="Kind"><c>call</c>, <c>visit</c>, <c>message</c> or <c>note</c>.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Note">The rep's note.</param>
/// <param name="NextAction">What is to be done next; needs <paramref name="NextActionDue"/>.</param>
/// <param name="NextActionDue">Date the next action is due (chain calendar); today or later.</param>
public sealed record RecordInteractionRequest(
    string? Kind,
    string? Outcome = null,
    string? Note = null,
    string? NextAction = null,
    DateOnly? NextActionDue = null);

/// <summary>Give a customer to a rep as a lead (the rep becomes its owner).</summary>
public sealed record AssignLeadRequest(string? CustomerId, string? RepId);

/// <summary>Merge another record of the same customer into this one.</summary>
/// <param name="MergedCustomerId">The record that goes: its keys, interactions and leads move to this customer.</param>
/// <param name="Reason">Why they are the same customer (kept in the audit).</param>
public sealed record MergeCustomersRequest(string? MergedCustomerId, string? Reason);
