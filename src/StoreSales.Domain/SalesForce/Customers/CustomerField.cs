namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>The identity fields of a customer, as a rejection names them (the API's problem details say which).</summary>
public enum CustomerField
{
    MemberCode,
    Phone,
    CreditCode,
    Name,
}
