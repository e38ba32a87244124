using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// <c>GET/PUT /api/me/notifications</c>: a person's own settings, read and saved as the settings page does; every
/// refusal is a 400 naming its field. The chain of this fixture has every channel off.
/// </summary>
public sealed class MyNotificationSettingsApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_reads_defaults_saves_quiet_hours_and_a_mute_and_reads_them_back()
    {
        using var finance = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Finance);
        var before = await finance.GetFromJsonAsync<JsonElement>("/api/me/notifications", Cancellation);
        var until = DateTimeOffset.UtcNow.AddDays(2);

        using var saved = await finance.PutAsJsonAsync("/api/me/notifications", new
        {
            culture = "en",
            timeZone = "Asia/Shanghai",
            quietStart = "22:00",
            quietEnd = "07:00",
            channels = Array.Empty<string>(),
            mutes = new[] { new { condition = "instalment-overdue", until } },
        }, Cancellation);
        var after = await finance.GetFromJsonAsync<JsonElement>("/api/me/notifications", Cancellation);

        Assert.False(before.GetProperty("saved").GetBoolean());
        Assert.Equal(["finance"], before.GetProperty("answersFor").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(before.GetProperty("enabledChannels").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(after.GetProperty("saved").GetBoolean());
        var settings = after.GetProperty("settings");
        Assert.Equal("en", settings.GetProperty("culture").GetString());
        Assert.Equal("22:00", settings.GetProperty("quietStart").GetString());
        Assert.Equal("07:00", settings.GetProperty("quietEnd").GetString());
        var mute = Assert.Single(settings.GetProperty("mutes").EnumerateArray());
        Assert.Equal("instalment-overdue", mute.GetProperty("condition").GetString());
        Assert.Equal(until.ToUnixTimeSeconds(), mute.GetProperty("until").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("""{"channels":["pager"]}""", "channels", "'pager' is no channel")]
    [InlineData("""{"channels":["wecom-robot"]}""", "channels", "wecom-robot is not enabled for this chain")]
    [InlineData("""{"quietStart":"22:00"}""", "quietEnd", "quietEnd must be a time of day HH:mm")]
    [InlineData("""{"quietStart":"25:99","quietEnd":"07:00"}""", "quietStart", "quietStart must be a time of day HH:mm")]
    [InlineData("""{"mutes":[{"condition":"day-behind","until":"2020-01-01T00:00:00Z"}]}""", "mutes[0].until", "must be in the future")]
    [InlineData("""{"mutes":[{"condition":"everything","until":"2099-01-01T00:00:00Z"}]}""", "mutes[0].condition", "no condition that can be muted")]
    [InlineData("""{"timeZone":"Mars/Olympus"}""", "timeZone", "no IANA time zone")]
    [InlineData("""{"culture":"fr"}""", "culture", "culture must be one of")]
    public async Task A_refused_setting_is_a_400_naming_its_field_and_nothing_is_saved(string body, string field, string why)
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);

        using var refused = await rep.PutAsync("/api/me/notifications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var after = await rep.GetFromJsonAsync<JsonElement>("/api/me/notifications", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(why, StringComparison.Ordinal));
        Assert.False(after.GetProperty("saved").GetBoolean());
    }
}
