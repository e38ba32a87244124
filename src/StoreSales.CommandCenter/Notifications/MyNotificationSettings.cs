using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Notifications;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// A person's own notification settings, read and saved the same way by <c>/settings/notifications</c> and by
/// <c>GET/PUT /api/me/notifications</c>: checked by <see cref="NotificationSettingsReader"/>, every refusal counted.
/// </summary>
public sealed class MyNotificationSettings(NotificationPeople people, IOptions<NotificationOptions> options, NotificationMetrics metrics, TimeProvider clock)
{
    /// <summary>
    /// The settings (defaults when never saved), the assignees the person answers for now (from their sign-in: it
    /// follows their scope, nothing to save), and the channels this chain has on.
    /// </summary>
    public sealed record View(NotificationSettingsForm Settings, bool Saved, IReadOnlyList<string> AnswersFor, IReadOnlyList<string> EnabledChannels);

    public async Task<View> Read(ClaimsPrincipal person, CancellationToken cancellationToken)
    {
        var saved = await people.Find(PersonId(person), cancellationToken);
        var form = saved is null
            ? new NotificationSettingsForm("zh-CN", "Asia/Shanghai", null, null, [], null, null, null, null, [])
            : NotificationSettingsReader.Form(saved, clock.GetUtcNow());
        return new View(form, saved is not null, [.. AlertAudience.AssigneesOf(person.ToViewerScope())],
            [.. NotificationChannels.All.Where(c => NotificationSettingsCheck.Enabled(c, options.Value))]);
    }

    /// <summary>Saves the form, or returns why not (nothing saved then).</summary>
    public async Task<IReadOnlyList<SettingsProblem>> Save(ClaimsPrincipal person, NotificationSettingsForm form, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (settings, problems) = NotificationSettingsReader.Read(PersonId(person), form, options.Value, now);
        if (settings is null)
        {
            foreach (var problem in problems)
            {
                metrics.SettingsRefused(problem.Key);
            }

            return problems;
        }

        await people.Save(settings, now, cancellationToken);
        return [];
    }

    private static string PersonId(ClaimsPrincipal person) =>
        person.Identity?.Name is { Length: > 0 } name ? name : throw new InvalidOperationException("A signed-in person has a name.");
}
