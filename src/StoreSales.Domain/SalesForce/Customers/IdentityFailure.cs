namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>An identity field refused: which field, why, and a sentence for the person who typed it.</summary>
public sealed record IdentityFailure(CustomerField Field, IdentityProblem Problem, string Message);
