using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// The chain's staff accounts (ASP.NET Core Identity on PostgreSQL). The tables are created by the DbUp migration
/// <c>0150_sign_in.sql</c> like the rest of the schema, not by EF migrations: one tool owns the database.
/// </summary>
public sealed class StaffAccountsDb(DbContextOptions<StaffAccountsDb> options) : IdentityDbContext<IdentityUser>(options);
