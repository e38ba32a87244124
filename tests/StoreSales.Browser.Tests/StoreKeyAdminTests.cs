using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>An administrator runs a store's key on the admin page: issued and shown once, then only its prefix; rotated; revoked.</summary>
public sealed class StoreKeyAdminTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_admin_issues_a_key_sees_it_once_rotates_it_and_revokes_the_old_one()
    {
        var label = $"back office PC {Guid.NewGuid().ToString("N")[..6]}";
        await using var admin = await fixture.OpenSession();
        await admin.SignIn(DemoStaff.Admin);
        var keys = await new StoreKeysPage(admin).OpenFromAdmin();

        var key = await keys.Issue(label);
        await admin.Screenshots.Take("store-key-issued");
        await Expect(keys.Row(label).Locator("[data-testid=store-key-prefix]")).ToHaveTextAsync(key[..12] + "…");
        await Expect(keys.Status(label)).ToHaveAttributeAsync("data-status", "active");

        // Left and opened again: the key is gone from the page, only its prefix remains.
        await keys.OpenFromAdmin();
        await Expect(keys.IssuedKey).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await admin.Page.ContentAsync());
        await Expect(keys.Row(label)).ToHaveCountAsync(1);

        var successor = await keys.Rotate(label);
        Assert.NotEqual(key, successor);
        await Expect(keys.Row(label, "rotating")).ToHaveCountAsync(1);
        await Expect(keys.Row(label, "active").Locator("[data-testid=store-key-prefix]")).ToHaveTextAsync(successor[..12] + "…");

        await keys.Revoke(label, "rotating");
        await Expect(keys.Row(label, "revoked")).ToHaveCountAsync(1);
        await Expect(keys.Row(label, "active")).ToHaveCountAsync(1);
        await admin.Screenshots.Take("store-key-revoked");
    }
}
