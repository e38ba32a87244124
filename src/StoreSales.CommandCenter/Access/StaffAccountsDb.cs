using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// The chain's staff accounts (ASP.NET Core Identity on PostgreSQL), and the command centers' shared Data Protection
/// keys, so that a sign-in cookie issued by one node is honoured by every other. The tables are created by the DbUp
/// migrations (<c>0150_sign_in.sql</c>, <c>0160_data_protection_keys.sql</c>) like the rest of the schema, not by EF
/// migrations: one tool owns the database.
/// </summary>
public sealed class StaffAccountsDb(DbContextOptions<StaffAccountsDb> options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;
}
