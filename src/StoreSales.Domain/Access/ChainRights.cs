namespace StoreSales.Domain.Access;

/// <summary>
/// Rights a person holds beside their role (docs/domain.md "Customer access"): a role says what a person sees, a right
/// what they may take out of the system. Stored as <c>storesales:right</c> claims like the scope claims.
/// </summary>
public static class ChainRights
{
    /// <summary>
    /// Export customers with their contact details unmasked (<c>GET /api/customers/export</c>). No role carries it: a
    /// store or sales manager sees phones masked and may not export them unless given this right.
    /// </summary>
    public const string ExportContacts = "export-contacts";
}
