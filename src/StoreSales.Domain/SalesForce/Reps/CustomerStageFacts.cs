using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>What a customer's stage is read from.</summary>
/// <param name="HasOpenLead">An open lead (assigned, no first contact yet).</param>
/// <param name="Dormancy">The customer's dormancy now (<see cref="DormancyRule.Evaluate"/>).</param>
/// <param name="EarliestOpenActionDue">The due date of its earliest next action not done yet, or null.</param>
/// <param name="Today">Today in the chain's calendar.</param>
public sealed record CustomerStageFacts(bool HasOpenLead, CustomerDormancy Dormancy, DateOnly? EarliestOpenActionDue, DateOnly Today);
