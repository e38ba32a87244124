using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The command center's rate limit per signed-in person (issue 12), set low in its configuration: a person over their
/// allowance of API requests is answered 429 with Retry-After and problem details naming the limit; another person is
/// not, and the pages (served over the circuit, not the API) are not counted.
/// </summary>
public sealed class PersonRateLimitTests(PersonRateLimitTests.LimitedCommandCenter chain) : IClassFixture<PersonRateLimitTests.LimitedCommandCenter>
{
    private const int PersonPermits = 3;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_over_their_allowance_is_told_to_wait_and_others_are_not()
    {
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastManager);
        for (var i = 0; i < PersonPermits; i++)
        {
            using var allowed = await hq.GetAsync("/api/stores", Cancellation);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await hq.GetAsync("/api/stores", Cancellation);
        using var page = await hq.GetAsync("/", Cancellation);
        using var otherPerson = await manager.GetAsync("/api/stores", Cancellation);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("Limits:PersonRequestsPerWindow", problem.GetProperty("limit").GetString());
        Assert.Contains($"person '{DemoLogins.Hq}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherPerson.StatusCode);
    }

    /// <summary>The demo chain with a command center allowing a person 3 API requests a minute.</summary>
    public sealed class LimitedCommandCenter : ChainFixture
    {
        protected override Task<CommandCenterUnderTest> StartCommandCenter() =>
            CommandCenterUnderTest.Start(Database, ClusterId, new Dictionary<string, string?>
            {
                ["Limits:PersonRequestsPerWindow"] = PersonPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Limits:PersonWindow"] = "00:01:00",
            });
    }
}
