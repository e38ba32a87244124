namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>The two kinds of customer the sales force owns (docs/domain.md, "The sales force").</summary>
public enum CustomerKind
{
    /// <summary>A person: a POS loyalty member (会员), known by member code and phone.</summary>
    Member,

    /// <summary>A business account (B2B), known by its unified social credit code and company name.</summary>
    Account,
}
