using System.Net;
using System.Text.Json;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The Orleans Dashboard as the command center serves it over real HTTP: the cluster's silos for an admin, refused to
/// anyone else (the data 401/403 like the APIs, the page a person opens sends them to sign in or to "not allowed"),
/// and linked from the admin page.
/// </summary>
public sealed class OrleansDashboardAccessTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/admin/orleans/DashboardCounters")]
    [InlineData("/admin/orleans/ClusterStats")]
    [InlineData("/admin/orleans/GrainTypes")]
    public async Task Without_sign_in_the_dashboards_data_answers_401(string path)
    {
        using var anonymous = chain.CommandCenter.CreateClient();

        using var response = await anonymous.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoLogins.Hq)]
    [InlineData(DemoLogins.EastManager)]
    [InlineData(DemoLogins.Sh001Rep)]
    public async Task For_anyone_but_an_admin_the_dashboards_data_answers_403(string user)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var counters = await http.GetAsync("/admin/orleans/DashboardCounters", Cancellation);
        using var state = await http.GetAsync("/admin/orleans/GrainState?grainId=store-sh001&grainType=StoreGrain", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, counters.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, state.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_page_sends_an_anonymous_visitor_to_sign_in_and_a_non_admin_to_not_allowed()
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);

        using var signIn = await anonymous.GetAsync("/admin/orleans/", Cancellation);
        using var denied = await hq.GetAsync("/admin/orleans/", Cancellation);

        Assert.Equal("/account/login", signIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/account/denied", denied.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("index.min.js", await denied.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_dashboard_page_and_the_running_silo_in_its_counters()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);

        using var page = await admin.GetAsync("/admin/orleans/", Cancellation);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        // The silos publish their counters on a timer: the first answer may come before the first round.
        var hosts = await Eventually.Until(
            async () =>
            {
                using var response = await admin.GetAsync("/admin/orleans/DashboardCounters", Cancellation);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var counters = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
                return counters.RootElement.GetProperty("hosts").EnumerateArray()
                    .Select(h => (Status: h.GetProperty("status").GetString(), Address: h.GetProperty("siloAddress").GetString()))
                    .ToList();
            },
            found => found.Count > 0,
            timeout: TimeSpan.FromSeconds(30));

        Assert.Contains(hosts, h => h.Status == "Active");
    }

    [Fact]
    public async Task The_admin_page_links_to_the_dashboard_and_is_not_shown_to_others()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);

        var adminPage = await admin.GetStringAsync("/admin", Cancellation);
        var hqPage = await hq.GetStringAsync("/admin", Cancellation);

        Assert.Contains("href=\"/admin/orleans/\"", adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/orleans/", hqPage, StringComparison.Ordinal);
    }
}
