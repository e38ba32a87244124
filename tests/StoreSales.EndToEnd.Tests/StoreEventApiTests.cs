using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Abstractions.Reps;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// <c>/api/store-events</c> and the page <c>/stores/{id}/events</c> on the demo chain (real PostgreSQL, silo and command
/// center): who records, edits, cancels and reads (out of scope is 404 like an unknown id), every bad input named by its
/// field, the audit trail kept through a cancellation, and a recorded closure re-pacing an open board over SignalR.
/// </summary>
public sealed class StoreEventApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Store = "store-sh001";          // region-east
    private const string OtherRegionStore = "store-gz001"; // region-south
    private const string OtherStoreManager = "sh002.events.manager";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static object Closure(string storeId, int day = 3) => new
    {
        storeId,
        kind = "weather-closure",
        startsAt = new DateTimeOffset(2026, 1, day, 10, 0, 0, TimeSpan.FromHours(8)),
        endsAt = new DateTimeOffset(2026, 1, day, 14, 0, 0, TimeSpan.FromHours(8)),
        note = "typhoon",
    };

    [Theory]
    [InlineData(DemoLogins.Hq, Store, HttpStatusCode.Created)]
    [InlineData(DemoLogins.Hq, OtherRegionStore, HttpStatusCode.Created)]
    [InlineData(DemoLogins.EastManager, Store, HttpStatusCode.Created)]
    [InlineData(DemoLogins.EastManager, OtherRegionStore, HttpStatusCode.NotFound)]
    [InlineData(DemoLogins.Sh001Manager, Store, HttpStatusCode.Created)]
    [InlineData(DemoLogins.Sh001Manager, "store-sh002", HttpStatusCode.NotFound)]
    [InlineData(DemoLogins.EastSupervisor, Store, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Rep, Store, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Admin, Store, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Hq, "store-nowhere", HttpStatusCode.NotFound)]
    public async Task Recording_is_for_the_stores_manager_its_regional_manager_and_HQ(string user, string storeId, HttpStatusCode expected)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var response = await http.PostAsJsonAsync("/api/store-events", Closure(storeId), Cancellation);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Created)
        {
            var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(storeId, created.GetProperty("storeId").GetString());
            Assert.True(created.GetProperty("closesStore").GetBoolean());
            Assert.Equal(user, created.GetProperty("recordedBy").GetString());
        }
    }

    [Theory]
    [InlineData(DemoLogins.Hq, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(DemoLogins.EastManager, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(DemoLogins.Sh001Manager, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(DemoLogins.EastSupervisor, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Rep, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Admin, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(OtherStoreManager, HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    public async Task Reading_editing_and_cancelling_an_event_follow_the_same_scope(string user, HttpStatusCode reads, HttpStatusCode changes)
    {
        await chain.CommandCenter.EnsureStaff(OtherStoreManager, ChainRoles.StoreManager, new Claim(ScopeClaims.Store, "store-sh002"));
        var eventId = await RecordAsHq(Closure(Store, day: 5));
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var get = await http.GetAsync($"/api/store-events/{eventId}", Cancellation);
        using var list = await http.GetAsync($"/api/store-events?storeId={Store}&from=2026-01-01T00:00:00%2B08:00&to=2026-02-01T00:00:00%2B08:00", Cancellation);
        using var trail = await http.GetAsync($"/api/store-events/{eventId}/changes", Cancellation);
        using var put = await http.PutAsJsonAsync($"/api/store-events/{eventId}", new { kind = "outage", startsAt = "2026-01-05T09:00:00+08:00", endsAt = "2026-01-05T11:00:00+08:00" }, Cancellation);
        using var delete = await http.DeleteAsync($"/api/store-events/{eventId}", Cancellation);

        Assert.Equal([reads, reads, reads, changes, changes], new[] { get.StatusCode, list.StatusCode, trail.StatusCode, put.StatusCode, delete.StatusCode });
        if (reads == HttpStatusCode.OK)
        {
            var listed = await list.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Contains(eventId, listed.EnumerateArray().Select(e => e.GetProperty("eventId").GetInt64()));
        }
    }

    public static TheoryData<string, object, string> BadInput => new()
    {
        { "ends before it starts", new { storeId = Store, kind = "outage", startsAt = "2026-01-05T12:00:00+08:00", endsAt = "2026-01-05T11:00:00+08:00" }, "endsAt" },
        { "unknown kind", new { storeId = Store, kind = "holiday", startsAt = "2026-01-05T09:00:00+08:00", endsAt = "2026-01-05T11:00:00+08:00" }, "kind" },
        { "uplift on a closure", new { storeId = Store, kind = "refit", startsAt = "2026-01-05T09:00:00+08:00", endsAt = "2026-01-06T09:00:00+08:00", expectedUplift = 0.2 }, "expectedUplift" },
        { "longer than the longest span (31 days)", new { storeId = Store, kind = "refit", startsAt = "2026-01-01T00:00:00+08:00", endsAt = "2026-02-01T00:00:01+08:00" }, "endsAt" },
        { "a promotion that closes the store", new { storeId = Store, kind = "promotion", startsAt = "2026-01-05T09:00:00+08:00", endsAt = "2026-01-06T09:00:00+08:00", closesStore = true }, "closesStore" },
        { "no store", new { kind = "outage", startsAt = "2026-01-05T09:00:00+08:00", endsAt = "2026-01-05T11:00:00+08:00" }, "storeId" },
        { "a date that is no date", new { storeId = Store, kind = "outage", startsAt = "soon", endsAt = "2026-01-05T11:00:00+08:00" }, "startsAt" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_naming_the_field(string because, object body, string field)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);

        using var response = await http.PostAsJsonAsync("/api/store-events", body, Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{because}: {problem}");
    }

    [Fact]
    public async Task A_cancelled_event_keeps_its_row_and_its_audit_trail_and_changes_no_more()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var regional = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastManager);
        var eventId = await RecordAsHq(Closure(Store, day: 7));

        using var edit = await manager.PutAsJsonAsync($"/api/store-events/{eventId}", new { kind = "outage", startsAt = "2026-01-07T10:00:00+08:00", endsAt = "2026-01-07T12:00:00+08:00", note = "power cut" }, Cancellation);
        using var cancel = await regional.DeleteAsync($"/api/store-events/{eventId}", Cancellation);
        using var again = await regional.DeleteAsync($"/api/store-events/{eventId}", Cancellation);
        using var late = await manager.PutAsJsonAsync($"/api/store-events/{eventId}", new { kind = "outage", startsAt = "2026-01-07T10:00:00+08:00", endsAt = "2026-01-07T13:00:00+08:00" }, Cancellation);
        using var moved = await manager.PutAsJsonAsync($"/api/store-events/{await RecordAsHq(Closure(Store, day: 8))}", new { storeId = "store-sh002", kind = "outage", startsAt = "2026-01-08T10:00:00+08:00", endsAt = "2026-01-08T12:00:00+08:00" }, Cancellation);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.BadRequest], new[] { edit.StatusCode, cancel.StatusCode, again.StatusCode, late.StatusCode, moved.StatusCode });
        Assert.Equal("cancelled", (await again.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("rule").GetString());
        var stored = await manager.GetFromJsonAsync<JsonElement>($"/api/store-events/{eventId}", Cancellation);
        Assert.Equal("outage", stored.GetProperty("kind").GetString());
        Assert.Equal(DemoLogins.EastManager, stored.GetProperty("cancelledBy").GetString());

        var trail = await manager.GetFromJsonAsync<JsonElement>($"/api/store-events/{eventId}/changes", Cancellation);
        Assert.Equal(
            [("recorded", DemoLogins.Hq), ("edited", DemoLogins.Sh001Manager), ("cancelled", DemoLogins.EastManager)],
            trail.EnumerateArray().Select(c => (c.GetProperty("action").GetString(), c.GetProperty("changedBy").GetString())).ToArray());
        var edited = trail[1];
        Assert.Equal("weather-closure", JsonDocument.Parse(edited.GetProperty("before").GetString()!).RootElement.GetProperty("kind").GetString());
        Assert.Equal("power cut", JsonDocument.Parse(edited.GetProperty("after").GetString()!).RootElement.GetProperty("note").GetString());

        // Gone from the ordinary list, there when cancelled ones are asked for.
        var range = "from=2026-01-07T00:00:00%2B08:00&to=2026-01-08T00:00:00%2B08:00";
        var listed = await manager.GetFromJsonAsync<JsonElement>($"/api/store-events?storeId={Store}&{range}", Cancellation);
        var all = await manager.GetFromJsonAsync<JsonElement>($"/api/store-events?storeId={Store}&{range}&includeCancelled=true", Cancellation);
        Assert.DoesNotContain(eventId, listed.EnumerateArray().Select(e => e.GetProperty("eventId").GetInt64()));
        Assert.Contains(eventId, all.EnumerateArray().Select(e => e.GetProperty("eventId").GetInt64()));
    }

    [Theory]
    [InlineData(DemoLogins.EastManager, "region-east", HttpStatusCode.OK)]
    [InlineData(DemoLogins.EastManager, "region-south", HttpStatusCode.NotFound)]
    [InlineData(DemoLogins.Sh001Manager, "region-east", HttpStatusCode.NotFound)]
    [InlineData(DemoLogins.Hq, "region-south", HttpStatusCode.OK)]
    public async Task A_regions_month_is_read_by_whoever_sees_the_region(string user, string regionId, HttpStatusCode expected)
    {
        var eastEvent = await RecordAsHq(Closure("store-hz001", day: 12));
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var response = await http.GetAsync($"/api/store-events?regionId={regionId}&month=2026-01", Cancellation);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var events = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(regionId == "region-east", events.EnumerateArray().Any(e => e.GetProperty("eventId").GetInt64() == eastEvent));
        }
    }

    [Theory]
    [InlineData("?regionId=region-east", "month")]
    [InlineData("?regionId=region-east&month=2026-13", "month")]
    [InlineData("?storeId=store-sh001&regionId=region-east&month=2026-01", "storeId")]
    [InlineData("?storeId=store-sh001&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task A_query_that_asks_nothing_clear_is_refused_naming_the_parameter(string query, string field)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);

        using var response = await http.GetAsync("/api/store-events" + query, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Manager, "event-form")]
    [InlineData(DemoLogins.EastManager, "event-form")]
    [InlineData(DemoLogins.Sh001Rep, "event-list")]
    [InlineData(DemoLogins.EastSupervisor, "event-list")]
    [InlineData(OtherStoreManager, "not-allowed")]
    public async Task The_events_page_shows_the_form_only_to_recorders_and_nothing_out_of_scope(string user, string shown)
    {
        await chain.CommandCenter.EnsureStaff(OtherStoreManager, ChainRoles.StoreManager, new Claim(ScopeClaims.Store, "store-sh002"));
        await RecordAsHq(CurrentMonthClosure());
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        var html = await http.GetStringAsync($"/stores/{Store}/events", Cancellation);

        Assert.Contains($"data-testid=\"{shown}\"", html, StringComparison.Ordinal);
        if (shown != "event-form")
        {
            Assert.DoesNotContain("data-testid=\"event-form\"", html, StringComparison.Ordinal);
        }

        if (shown == "not-allowed")
        {
            Assert.DoesNotContain("data-testid=\"event-list\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_closure_recorded_for_today_re_paces_the_open_board_and_the_stores_reps_at_once_and_its_cancellation_restores_it()
    {
        // A store of its own, so that no other test's closure of the store is in the way.
        const string storeId = "store-xm001";
        var rep = chain.Silo.Grains().GetGrain<IRepGrain>("rep-xm001-01");
        var repDayTarget = (await rep.GetProgress()).Day.Target;
        Assert.True(repDayTarget > 0, "the demo rep has a target today");
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.Hq);
        var updates = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("ProgressUpdated", progress => updates.Writer.TryWrite(progress));
        await hub.StartAsync(Cancellation);
        var before = await hub.InvokeAsync<JsonElement>("JoinStore", storeId, Cancellation);
        var dayTarget = before.GetProperty("day").GetProperty("target").GetDecimal();
        Assert.True(dayTarget > 0, "the demo store has a target today");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("closedBy").ValueKind);

        // Closed all of today, store-local (Asia/Shanghai): today carries nothing, the month's target stays.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var midnight = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        var eventId = await RecordAsHq(new { storeId, kind = "weather-closure", startsAt = midnight, endsAt = midnight.AddDays(1), note = "typhoon" });

        var closed = await Next(updates, p => p.GetProperty("closedBy").ValueKind == JsonValueKind.Object);
        Assert.Equal(eventId, closed.GetProperty("closedBy").GetProperty("eventId").GetInt64());
        Assert.Equal(0m, closed.GetProperty("day").GetProperty("target").GetDecimal());
        Assert.Equal(before.GetProperty("month").GetProperty("target").GetDecimal(), closed.GetProperty("month").GetProperty("target").GetDecimal());
        Assert.Contains(eventId, closed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetInt64()));
        // The rep re-paced before the API answered: nothing is expected of it on a day its store is closed.
        Assert.Equal(0m, (await rep.GetProgress()).Day.Target);

        using var http = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var cancel = await http.DeleteAsync($"/api/store-events/{eventId}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var reopened = await Next(updates, p => p.GetProperty("closedBy").ValueKind == JsonValueKind.Null);
        Assert.Equal(dayTarget, reopened.GetProperty("day").GetProperty("target").GetDecimal());
        Assert.Equal(repDayTarget, (await rep.GetProgress()).Day.Target);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_store_event_endpoint()
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        var paths = (await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation)).GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/api/store-events", "post"), ("/api/store-events", "get"), ("/api/store-events/{eventId}", "get"),
            ("/api/store-events/{eventId}", "put"), ("/api/store-events/{eventId}", "delete"), ("/api/store-events/{eventId}/changes", "get"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path}");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), $"{method} {path}");
        }
    }

    private static object CurrentMonthClosure()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.FromHours(8));
        return new { storeId = Store, kind = "road-works", startsAt = first.AddDays(1), endsAt = first.AddDays(1).AddHours(3) };
    }

    private async Task<long> RecordAsHq(object body)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var response = await http.PostAsJsonAsync("/api/store-events", body, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("eventId").GetInt64();
    }

    /// <summary>The next update that shows what is asked (the store's other updates may come in between).</summary>
    private static async Task<JsonElement> Next(Channel<JsonElement> updates, Func<JsonElement, bool> shows)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var update = await updates.Reader.ReadAsync(timeout.Token);
            if (shows(update))
            {
                return update;
            }
        }
    }
}
