using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Notifications;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// <c>/api/me/notifications</c>: the signed-in person's own notification settings (docs/domain.md "Notifications"), the
/// same read and save as the settings page. A board token has none.
/// </summary>
public static class MyNotificationEndpoints
{
    public static IEndpointRouteBuilder MapMyNotificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me/notifications").WithTags("Notifications").RequireAuthorization();

        api.MapGet("", async Task<IResult> (MyNotificationSettings settings, ClaimsPrincipal user, CancellationToken ct) =>
                user.ToViewerScope().IsReadOnly ? NoSettings() : Results.Ok(await settings.Read(user, ct)))
            .WithName("GetMyNotificationSettings")
            .WithSummary("The signed-in person's notification settings (defaults until first saved), the alert assignees they answer for now, and the channels this chain has on")
            .Produces<MyNotificationSettings.View>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPut("", async Task<IResult> (NotificationSettingsForm form, MyNotificationSettings settings, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (user.ToViewerScope().IsReadOnly)
                {
                    return NoSettings();
                }

                var problems = await settings.Save(user, form, ct);
                return problems.Count == 0
                    ? Results.Ok(await settings.Read(user, ct))
                    : Results.ValidationProblem(
                        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                        title: "Notification settings refused",
                        extensions: new Dictionary<string, object?> { ["reasons"] = problems.Select(p => p.Key).Distinct().ToArray() });
            })
            .WithName("PutMyNotificationSettings")
            .WithSummary("Replaces the signed-in person's notification settings: language, time zone, quiet hours (HH:mm, both or neither), channels with their addresses, mutes (a condition until a future instant); 400 names each refused field")
            .Produces<MyNotificationSettings.View>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static IResult NoSettings() =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "A board has no notification settings.");
}
