using Microsoft.EntityFrameworkCore;

namespace StoreSales.Testing.CompanyIdentity;

/// <summary>The provider's own store (OpenIddict's applications, authorizations and tokens), in its own database.</summary>
public sealed class CompanyDirectoryDb(DbContextOptions<CompanyDirectoryDb> options) : DbContext(options);
