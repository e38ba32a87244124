using System.Globalization;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.Notifications;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>A person's notification settings as the page and <c>PUT /api/me/notifications</c> submit them.</summary>
public sealed record NotificationSettingsForm(
    string? Culture,
    string? TimeZone,
    string? QuietStart,
    string? QuietEnd,
    IReadOnlyList<string>? Channels,
    string? WeComUserId,
    string? WeComRobot,
    string? DingTalkRobot,
    string? Email,
    IReadOnlyList<MuteForm>? Mutes);

/// <summary>A condition muted until a time (an instant with its offset, e.g. <c>2026-12-06T18:00:00+08:00</c>).</summary>
public sealed record MuteForm(string? Condition, DateTimeOffset Until);

/// <summary>
/// One reason a form is refused: the form's field (<c>channels</c>, <c>quietStart</c>, <c>mutes[0].until</c>, ...), the
/// <c>Labels</c> key the page words it with, its argument, and the sentence the API answers with.
/// </summary>
public sealed record SettingsProblem(string Field, string Key, string? Argument, string Message);

/// <summary>
/// Reads a submitted form into <see cref="NotificationSettings"/>, or says field by field why not: the one check behind the
/// page and the API, so neither saves settings that can never deliver.
/// </summary>
public static class NotificationSettingsReader
{
    public static readonly IReadOnlyList<string> Cultures = ["zh-CN", "en"];

    /// <summary>The conditions a person may mute (<c>device-offline</c> mutes every device's).</summary>
    public static readonly IReadOnlyList<string> MutableConditions =
    [
        InterventionConditions.DayBehind, InterventionConditions.DayAheadCalibration, InterventionConditions.FeedLagging,
        InterventionConditions.OutboxNearFull, InterventionConditions.ClockSkew, ConditionMute.DeviceOffline, InterventionConditions.RepBehindTarget,
        AlertConditions.LeadFirstContactOverdue, AlertConditions.CustomerFollowUpDue, AlertConditions.HandOverOverdue,
        AlertConditions.CustomerHealthDropped, InterventionConditions.OpportunityStalled, AlertConditions.CreditHold,
        AlertConditions.ApprovalOverdue, AlertConditions.InstalmentOverdue,
    ];

    public static (NotificationSettings? Settings, IReadOnlyList<SettingsProblem> Problems) Read(
        string personId, NotificationSettingsForm form, NotificationOptions options, DateTimeOffset now)
    {
        var problems = new List<SettingsProblem>();
        var culture = form.Culture ?? "zh-CN";
        if (!Cultures.Contains(culture, StringComparer.Ordinal))
        {
            problems.Add(new("culture", "NfErrorCulture", culture, $"culture must be one of {string.Join(", ", Cultures)} (is '{culture}')."));
        }

        var quiet = Quiet(form, problems);
        var channels = form.Channels ?? [];
        foreach (var unknown in channels.Where(c => !NotificationChannels.IsKnown(c)))
        {
            problems.Add(new("channels", "NfErrorChannelOff", unknown, $"channels: '{unknown}' is no channel (known: {string.Join(", ", NotificationChannels.All)})."));
        }

        var mutes = new List<ConditionMute>();
        foreach (var (mute, i) in (form.Mutes ?? []).Select((m, i) => (m, i)))
        {
            if (mute.Condition is not { } condition || !MutableConditions.Contains(condition, StringComparer.Ordinal))
            {
                problems.Add(new($"mutes[{i}].condition", "NfErrorMuteCondition", mute.Condition, $"mutes[{i}].condition: '{mute.Condition}' is no condition that can be muted."));
            }
            else if (mute.Until <= now)
            {
                problems.Add(new($"mutes[{i}].until", "NfErrorMuteUntil", null, $"mutes[{i}].until must be in the future (is {mute.Until:O})."));
            }
            else
            {
                mutes.RemoveAll(m => m.Condition == condition);
                mutes.Add(new ConditionMute(condition, mute.Until.ToUniversalTime()));
            }
        }

        var settings = new NotificationSettings(personId, culture, (form.TimeZone ?? "Asia/Shanghai").Trim(), quiet,
            NotificationChannels.All.Where(c => channels.Contains(c, StringComparer.Ordinal)).ToList(),
            Blank(form.WeComUserId), Blank(form.WeComRobot), Blank(form.DingTalkRobot), Blank(form.Email), mutes);
        problems.AddRange(NotificationSettingsCheck.Problems(settings, options));
        return problems.Count == 0 ? (settings, []) : (null, problems);
    }

    /// <summary>The saved settings as a form (what <c>GET /api/me/notifications</c> answers and the page starts from).</summary>
    public static NotificationSettingsForm Form(NotificationSettings settings, DateTimeOffset now) => new(
        settings.Culture, settings.TimeZone,
        settings.Quiet?.Start.ToString("HH:mm", CultureInfo.InvariantCulture), settings.Quiet?.End.ToString("HH:mm", CultureInfo.InvariantCulture),
        settings.Channels, settings.WeComUserId, settings.WeComRobot, settings.DingTalkRobot, settings.Email,
        settings.Mutes.Where(m => m.Until > now).Select(m => new MuteForm(m.Condition, m.Until)).ToList());

    private static QuietHours? Quiet(NotificationSettingsForm form, List<SettingsProblem> problems)
    {
        var (start, end) = (Blank(form.QuietStart), Blank(form.QuietEnd));
        if (start is null && end is null)
        {
            return null;
        }

        TimeOnly from = default, until = default;
        var ok = true;
        foreach (var (field, value) in new[] { ("quietStart", start), ("quietEnd", end) })
        {
            if (value is null || !TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                problems.Add(new(field, "NfErrorQuietHours", null, $"{field} must be a time of day HH:mm, set together with the other end of the quiet hours (is '{value}')."));
                ok = false;
            }
            else if (field == "quietStart")
            {
                from = time;
            }
            else
            {
                until = time;
            }
        }

        return ok ? new QuietHours(from, until) : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
