using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Data.Demo;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// Each demo role signs in and sees exactly its scope (issue 4, "Who sees what"). Scopes are read from the demo
/// chain, so a store added to it is expected in HQ's list without touching these tests.
/// </summary>
public sealed class RoleScopeTests(BrowserFixture fixture)
{
    private const string OwnStore = "store-sh001";
    private const string OtherStore = "store-gz001";

    private static readonly DemoChain Chain = DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain);

    // Role, and the region it covers ("" = the whole chain).
    public static TheoryData<string, string> RolesAndTheirScope => new()
    {
        { nameof(DemoStaff.Headquarters), "" },
        { nameof(DemoStaff.RegionalManagerEast), "region-east" },
        { nameof(DemoStaff.FieldSupervisorEast), "region-east" },
        { nameof(DemoStaff.Admin), "" },
    };

    [Theory]
    [MemberData(nameof(RolesAndTheirScope))]
    public async Task Each_role_sees_exactly_the_stores_of_its_scope_on_the_index(string role, string region)
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(Login(role));

        // Master data as it stands, not the demo file.
        await fixture.AssertListsTheStoresOfMasterData(region.Length == 0 ? null : region, async () =>
            (await (await new StoreListPage(session).Open()).ReadRows()).Select(r => r.StoreId));
        await session.Screenshots.Take($"index-as-{role}");
    }

    [Fact]
    public async Task A_store_manager_opens_the_board_of_their_own_store()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);

        var board = await new StoreBoardPage(session).Open(OwnStore);
        await session.Screenshots.Take("own-board");

        await Expect(board.StoreName).ToHaveTextAsync(Chain.Stores.Single(s => s.Id == OwnStore).Name);
    }

    [Theory]
    [InlineData(nameof(DemoStaff.StoreManagerSh001))]
    [InlineData(nameof(DemoStaff.SalesRepSh001))]
    public async Task A_single_store_role_lands_on_its_stores_board_and_has_no_HQ_but_an_inbox(string role)
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(role == nameof(DemoStaff.SalesRepSh001) ? DemoStaff.SalesRepSh001 : DemoStaff.StoreManagerSh001);

        await session.Page.GotoAsync("/");
        var board = await new StoreBoardPage(session).WaitUntilLive();
        await session.Screenshots.Take($"home-as-{role}");

        await Expect(board.StoreName).ToHaveTextAsync(Chain.Stores.Single(s => s.Id == OwnStore).Name);
        await Expect(session.Page.Locator("a[href='/hq']")).ToHaveCountAsync(0);
        // The manager's inbox holds the store's alerts (its reps' too); a rep's holds their own (rep:{id}) alerts.
        await Expect(session.Page.Locator("a[href='/interventions']")).ToHaveCountAsync(1);
        await session.Page.GotoAsync("/hq");
        await Expect(session.Page.Locator("[data-testid=not-allowed]")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-testid=heatmap]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_store_manager_typing_another_stores_address_is_not_allowed_to_see_it()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);

        var response = await session.Page.GotoAsync($"/stores/{OtherStore}");
        await session.Screenshots.Take("other-store-refused");

        // Refused by the server (403) or by a "not allowed" page; either way none of that store's figures show.
        var refusedByStatus = response?.Status == 403;
        var refusedByPage = await session.Page.GetByText("not allowed", new() { Exact = false }).IsVisibleAsync();
        Assert.True(refusedByStatus || refusedByPage, $"expected 403 or a 'not allowed' page, got HTTP {response?.Status}");
        await Expect(session.Page.Locator("[data-testid=store-board]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Without_signing_in_a_board_sends_the_browser_to_the_login_page()
    {
        await using var session = await fixture.OpenSession();

        await session.Page.GotoAsync($"/stores/{OwnStore}");
        await session.Screenshots.Take("anonymous-board");

        await Expect(session.Page.Locator("input[autocomplete=username]")).ToBeVisibleAsync();
        Assert.StartsWith(SignInPage.Path, new Uri(session.Page.Url).AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    private static DemoLogin Login(string role) => role switch
    {
        nameof(DemoStaff.Headquarters) => DemoStaff.Headquarters,
        nameof(DemoStaff.RegionalManagerEast) => DemoStaff.RegionalManagerEast,
        nameof(DemoStaff.FieldSupervisorEast) => DemoStaff.FieldSupervisorEast,
        nameof(DemoStaff.Admin) => DemoStaff.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a demo login"),
    };
}
