using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace StoreSales.Testing;

/// <summary>People beyond the demo staff, added by tests to a command center's sign-in database.</summary>
public static class DemoStaffExtras
{
    /// <summary>A person with the given role and claims and the demo password, created once per command center.</summary>
    public static async Task EnsureStaff(this CommandCenterUnderTest commandCenter, string userName, string role, params Claim[] claims)
    {
        await using var scope = commandCenter.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new IdentityUser(userName);
        Check((await users.CreateAsync(user, DemoLogins.Password)).Succeeded, userName);
        Check((await users.AddToRoleAsync(user, role)).Succeeded, userName);
        Check((await users.AddClaimsAsync(user, claims)).Succeeded, userName);
    }

    private static void Check(bool succeeded, string userName)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"Could not add staff member '{userName}'.");
        }
    }
}
