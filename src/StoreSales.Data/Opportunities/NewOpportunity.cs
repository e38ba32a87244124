namespace StoreSales.Data.Opportunities;

/// <summary>What opening an opportunity asks for; it starts in the first stage of its product line's path.</summary>
public sealed record NewOpportunity(string CustomerId, string OwnerRepId, string DepartmentId, string ProductLine, string Title, decimal Amount, string CreatedBy);
