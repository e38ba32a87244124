using System.Globalization;
using System.Security.Claims;
using StoreSales.Abstractions.Chain;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.StoreEvents;
using StoreSales.Data.StoreEvents;
using StoreSales.Domain.Targets.StoreEvents;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Store events (<c>/api/store-events</c>, docs/domain.md "Store events"): closures, outages, road works, refits and
/// promotions with their spans. <see cref="StoreEventDesk"/> scopes, checks, counts and tells the store grain.
/// </summary>
public static class StoreEventEndpoints
{
    private const string Title = "Invalid store event";

    public static IEndpointRouteBuilder MapStoreEventApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/store-events").WithTags("Store events").RequireAuthorization();

        api.MapPost("", Record)
            .WithName("RecordStoreEvent")
            .WithSummary("Records a store event (weather closure, outage, road works, refit, promotion) with its span")
            .WithDescription(
                "Recorded by the store's manager, the regional manager of its region or HQ (403 for anyone else who sees the store; "
                + "a store unknown or out of the viewer's scope is 404). `closesStore` defaults by kind (weather-closure, outage, refit close; "
                + "road-works and promotion do not); a closing event takes its span out of the store's open time for pacing and the live board re-paces at once. "
                + "Refused with 400 naming the field: `kind` unknown, `endsAt` not after `startsAt` or the span longer than `Targets:StoreEvents:MaxSpan`, "
                + "`expectedUplift` on anything but a promotion or above `Targets:StoreEvents:MaxExpectedUplift`, `closesStore` on a promotion, `note` too long.")
            .Produces<StoreEventAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("", List)
            .WithName("ListStoreEvents")
            .WithSummary("A store's events overlapping a span, or a region's events in a month")
            .WithDescription(
                "Either `storeId` with optional `from`/`to` (instants; default the store's current local month; at most 366 days), "
                + "or `regionId` with `month` (yyyy-MM, each store's local month). Read by everyone who sees the store or region; "
                + "unknown or out of scope is 404. Cancelled events only with `includeCancelled=true`.")
            .Produces<StoreEventAnswer[]>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{eventId:long}", Get)
            .WithName("GetStoreEvent")
            .WithSummary("One store event, cancelled or not")
            .WithDescription("Read by everyone who sees the event's store; an unknown event and one of a store out of scope are 404 alike.")
            .Produces<StoreEventAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{eventId:long}/changes", Changes)
            .WithName("GetStoreEventChanges")
            .WithSummary("Who recorded, edited and cancelled the event, when, and the event before and after")
            .WithDescription("The audit trail (`store_event_change`), oldest first; `before` and `after` are the event as JSON. Same scope as reading the event.")
            .Produces<StoreEventChangeAnswer[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{eventId:long}", Edit)
            .WithName("EditStoreEvent")
            .WithSummary("Replaces a store event's kind, span, uplift and note (kept in its audit trail)")
            .WithDescription("Same rules and rights as recording; a cancelled event is 409 (`rule`: `cancelled`); an event stays with its store (400 `storeId`).")
            .Produces<StoreEventAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/{eventId:long}", Cancel)
            .WithName("CancelStoreEvent")
            .WithSummary("Cancels a store event: the row and its audit trail stay, it no longer counts for pacing or attribution")
            .WithDescription("Same rights as recording; cancelling a cancelled event is 409 (`rule`: `cancelled`).")
            .Produces<StoreEventAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> Record(HttpRequest request, StoreEventDesk desk, StoreEventMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<StoreEventRequest>(request, ct);
        if (body is null)
        {
            metrics.Rejected(StoreEventDesk.RecordOperation, "invalid_body");
            return Results.ValidationProblem(errors!, title: Title);
        }

        return Answer(await desk.Record(user, body.StoreId, body.Draft, ct), created: true);
    }

    private static async Task<IResult> Edit(long eventId, HttpRequest request, StoreEventDesk desk, StoreEventMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<StoreEventRequest>(request, ct);
        if (body is null)
        {
            metrics.Rejected(StoreEventDesk.EditOperation, "invalid_body");
            return Results.ValidationProblem(errors!, title: Title);
        }

        return Answer(await desk.Edit(user, eventId, body.StoreId, body.Draft, ct), created: false);
    }

    private static async Task<IResult> Cancel(long eventId, StoreEventDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await desk.Cancel(user, eventId, ct), created: false);

    private static async Task<IResult> Get(long eventId, StoreEventDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await desk.Existing(user, eventId, ct) is not { } found)
        {
            desk.ReadRefused("not_found");
            return UnknownEvent(eventId);
        }

        return Results.Ok(StoreEventAnswer.Of(found));
    }

    private static async Task<IResult> Changes(long eventId, StoreEventDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await desk.Existing(user, eventId, ct) is null)
        {
            desk.ReadRefused("not_found");
            return UnknownEvent(eventId);
        }

        return Results.Ok((await desk.Changes(eventId, ct)).Select(StoreEventChangeAnswer.Of).ToArray());
    }

    private static async Task<IResult> List(
        string? storeId, string? regionId, DateTimeOffset? from, DateTimeOffset? to, string? month, bool? includeCancelled,
        StoreEventDesk desk, ChainAccess access, IChainDirectory directory, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (storeId is not null == regionId is not null)
        {
            return Invalid(desk, "storeId", "Give either storeId (with from/to) or regionId (with month).");
        }

        if (storeId is not null)
        {
            if (await desk.Visible(user, storeId, ct) is not { } store)
            {
                desk.ReadRefused("not_found");
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown store", detail: $"There is no store '{storeId}'.");
            }

            var (monthFrom, monthTo) = LocalMonth(store, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone(store)).DateTime));
            var (start, end) = (from ?? monthFrom, to ?? monthTo);
            if (end <= start)
            {
                return Invalid(desk, "to", "Must be after from.");
            }

            if (end - start > TimeSpan.FromDays(366))
            {
                return Invalid(desk, "to", "At most 366 days after from.");
            }

            return Results.Ok((await desk.List([store.StoreId], start, end, includeCancelled ?? false, ct)).Select(StoreEventAnswer.Of).ToArray());
        }

        if (month is null || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Invalid(desk, "month", "Required with regionId, as yyyy-MM.");
        }

        if (await access.Region(user, regionId!, ct) is not { IsAllowed: true, Value: { } region })
        {
            desk.ReadRefused("not_found");
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown region", detail: $"There is no region '{regionId}'.");
        }

        // Each store's own local month: a wide instant range first, then each event against its store's month.
        var stores = await directory.ListStores(region.RegionId, ct);
        var wide = await desk.List(
            [.. stores.Select(s => s.StoreId)],
            new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(14)),
            new DateTimeOffset(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(-12)),
            includeCancelled ?? false,
            ct);
        var months = stores.ToDictionary(s => s.StoreId, s => LocalMonth(s, first), StringComparer.Ordinal);
        return Results.Ok(wide
            .Where(e => months.TryGetValue(e.StoreId, out var m) && e.StartsAt < m.To && e.EndsAt > m.From)
            .Select(StoreEventAnswer.Of)
            .ToArray());
    }

    private static (DateTimeOffset From, DateTimeOffset To) LocalMonth(StoreProfile store, DateOnly day)
    {
        var zone = Zone(store);
        var first = new DateOnly(day.Year, day.Month, 1).ToDateTime(TimeOnly.MinValue);
        var next = first.AddMonths(1);
        return (new DateTimeOffset(first, zone.GetUtcOffset(first)), new DateTimeOffset(next, zone.GetUtcOffset(next)));
    }

    private static TimeZoneInfo Zone(StoreProfile store) => TimeZoneInfo.FindSystemTimeZoneById(store.TimeZone);

    private static IResult Invalid(StoreEventDesk desk, string field, string message)
    {
        desk.ReadRefused("invalid_" + field);
        return Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, title: "Invalid store event query");
    }

    private static IResult UnknownEvent(long eventId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown store event", detail: $"There is no store event {eventId}.");

    private static IResult Answer(StoreEventOutcome outcome, bool created) => outcome switch
    {
        StoreEventOutcome.Done { Event: var e } => created ? Results.Created($"/api/store-events/{e.EventId}", StoreEventAnswer.Of(e)) : Results.Ok(StoreEventAnswer.Of(e)),
        StoreEventOutcome.Invalid { Errors: var errors } => Results.ValidationProblem(errors, title: Title),
        StoreEventOutcome.NotFound { What: var what, Id: var id } =>
            Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}", detail: $"There is no {what} '{id}'."),
        StoreEventOutcome.NotAllowed { Detail: var detail } =>
            Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail, extensions: new Dictionary<string, object?> { ["rule"] = "store-event-recorder" }),
        StoreEventOutcome.Cancelled { Event: var e } =>
            Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Store event cancelled", detail: $"Store event {e.EventId} was cancelled by {e.CancelledBy} and can no longer change.", extensions: new Dictionary<string, object?> { ["rule"] = "cancelled" }),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };
}

/// <summary>A store event to record or the new state of one to edit.</summary>
public sealed record StoreEventRequest(string? StoreId, string? Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, bool? ClosesStore, decimal? ExpectedUplift, string? Note)
{
    public StoreEventDraft Draft => new(Kind?.Trim(), StartsAt, EndsAt, ClosesStore, ExpectedUplift, Note);
}

/// <summary>A store event as the API shows it.</summary>
public sealed record StoreEventAnswer(
    long EventId,
    string StoreId,
    string Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    bool ClosesStore,
    decimal? ExpectedUplift,
    string? Note,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? CancelledAt,
    string? CancelledBy)
{
    public static StoreEventAnswer Of(StoreEventRecord e) =>
        new(e.EventId, e.StoreId, e.Kind, e.StartsAt, e.EndsAt, e.ClosesStore, e.ExpectedUplift, e.Note, e.RecordedBy, e.RecordedAt, e.CancelledAt, e.CancelledBy);
}

/// <summary>One line of an event's audit trail; <see cref="Before"/> and <see cref="After"/> are the event as JSON.</summary>
public sealed record StoreEventChangeAnswer(long ChangeId, string Action, string ChangedBy, DateTimeOffset ChangedAt, string? Before, string After)
{
    public static StoreEventChangeAnswer Of(StoreEventChange c) => new(c.ChangeId, c.Action, c.ChangedBy, c.ChangedAt, c.Before, c.After);
}
