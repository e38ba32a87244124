namespace StoreSales.Domain.Access;

/// <summary>
/// The roles people have in the chain (DOMAIN.md "Who uses it"), as stored in the sign-in database. A board is not
/// a person: it is a store's TV signed in with a read-only board token.
/// </summary>
public static class ChainRoles
{
    public const string Hq = "hq";
    public const string RegionalManager = "regional-manager";
    public const string FieldSupervisor = "field-supervisor";
    public const string StoreManager = "store-manager";
    public const string SalesRep = "sales-rep";

    /// <summary>Leads a sales team (department): sees its customers, contact details masked; assigns leads, merges duplicates.</summary>
    public const string SalesManager = "sales-manager";
    /// <summary>Approves what is beyond a rep's authority: opportunities entering contract above the approval amount, quotes of the middle discount tier.</summary>
    public const string SalesDirector = "sales-director";

    /// <summary>With finance, approves quotes of the top discount tier.</summary>
    public const string Legal = "legal";

    /// <summary>With legal, approves quotes of the top discount tier; keeps receivables and payments; releases held orders.</summary>
    public const string Finance = "finance";

    public const string Admin = "admin";
    public const string Board = "board";

    /// <summary>The roles a user account can hold (a board token is not an account).</summary>
    public static readonly IReadOnlyList<string> People = [Hq, RegionalManager, FieldSupervisor, StoreManager, SalesRep, SalesManager, SalesDirector, Legal, Finance, Admin];
}
