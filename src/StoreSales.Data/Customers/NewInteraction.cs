using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.Customers;

/// <summary>An interaction a rep had with a customer, to record; its time is the server's when recorded.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="RepId">The rep who had it.</param>
/// <param name="Kind">Call, visit, message or note.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Note">The rep's note.</param>
/// <param name="NextAction">What is to be done next; with <paramref name="NextActionDue"/> or not at all.</param>
/// <param name="NextActionDue">The calendar date (chain time zone) the next action is due by.</param>
public sealed record NewInteraction(
    string CustomerId,
    string RepId,
    InteractionKind Kind,
    string? Outcome = null,
    string? Note = null,
    string? NextAction = null,
    DateOnly? NextActionDue = null);

/// <summary>A recorded interaction, and whether it was the first contact of the customer's open lead.</summary>
public sealed record InteractionRecorded(long InteractionId, DateTimeOffset At, bool FirstContactOfLead);
