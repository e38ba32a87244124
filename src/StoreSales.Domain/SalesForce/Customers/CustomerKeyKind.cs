namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>What a deduplication key was made from.</summary>
public enum CustomerKeyKind
{
    MemberCode,
    Phone,
    CreditCode,
    Name,
}
