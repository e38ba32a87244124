using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>A rep's live progress through the command center's API, for the people who may see it and nobody else.</summary>
public sealed class RepProgressApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Rep = "rep-sh001-01"; // the demo's sh001.rep sign-in
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sale_credited_to_a_rep_shows_in_their_progress_for_them_their_manager_and_HQ_only()
    {
        var sale = SaleFactory.Sale("T01", 9_100_001, DateTimeOffset.UtcNow, ("6920433218190", 3, 100m)) with { RepId = Rep };
        await chain.Silo.PostSales("store-sh001", "demo-key-store-sh001", [sale], Cancellation);
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var otherRegion = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastSupervisor);

        // Counted off the ack: read until the rep's day holds the sale.
        var own = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/reps/{Rep}/progress", Cancellation),
            p => p.GetProperty("day").GetProperty("actual").GetDecimal() >= 300m);
        using var colleague = await rep.GetAsync("/api/reps/rep-sh001-02/progress", Cancellation);
        using var unknown = await rep.GetAsync("/api/reps/rep-nobody/progress", Cancellation);

        Assert.Equal(Rep, own.GetProperty("repId").GetString());
        Assert.True(own.GetProperty("known").GetBoolean());
        Assert.Equal("store-sh001", own.GetProperty("storeId").GetString());
        Assert.True(own.GetProperty("day").GetProperty("actual").GetDecimal() >= 300m, own.ToString());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/reps/{Rep}/progress", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hq.GetAsync($"/api/reps/{Rep}/progress", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherRegion.GetAsync($"/api/reps/{Rep}/progress", Cancellation)).StatusCode); // east's supervisor: sh001 is east
        Assert.Equal(HttpStatusCode.NotFound, colleague.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Another_stores_manager_gets_404_as_for_an_unknown_rep()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);

        using var response = await manager.GetAsync("/api/reps/rep-gz001-01/progress", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
