namespace StoreSales.Testing.CompanyIdentity;

/// <summary>A person in the chain's own staff directory, with what the directory says they do in StoreSales.</summary>
public sealed record CompanyStaffMember(string UserName, string Password, string[] Roles, string[] Regions, string[] Stores)
{
    /// <summary>The directory's stable id for the person (the token's <c>sub</c>), not their login name.</summary>
    public string Subject { get; } = "emp-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(UserName)))[..12].ToLowerInvariant();
}
