using StoreSales.Data.Notifications;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// What is wrong with the settings a person is about to save, each problem with its field, a <c>Labels</c> key (and its argument),
/// so the page says why it refuses instead of saving settings that can never deliver: a chosen channel this chain has
/// not enabled, or without its address; a robot not configured; an e-mail address that is none; an unknown time zone.
/// </summary>
public static class NotificationSettingsCheck
{
    public static IReadOnlyList<SettingsProblem> Problems(NotificationSettings settings, NotificationOptions options)
    {
        var problems = new List<SettingsProblem>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out _))
        {
            problems.Add(new("timeZone", "NfErrorTimeZone", settings.TimeZone, $"timeZone: '{settings.TimeZone}' is no IANA time zone."));
        }

        foreach (var channel in settings.Channels)
        {
            if (!NotificationChannels.IsKnown(channel) || !Enabled(channel, options))
            {
                problems.Add(new("channels", "NfErrorChannelOff", channel, $"channels: {channel} is not enabled for this chain."));
            }
            else if (string.IsNullOrWhiteSpace(settings.AddressOn(channel)))
            {
                problems.Add(new(AddressField(channel), "NfErrorNoAddress", channel, $"{AddressField(channel)}: {channel} is chosen without its address."));
            }
            else if (channel == NotificationChannels.WeComRobot && !options.Channels.WeComRobot.Robots.ContainsKey(settings.WeComRobot!))
            {
                problems.Add(new("weComRobot", "NfErrorUnknownRobot", settings.WeComRobot, $"weComRobot: no WeCom robot '{settings.WeComRobot}' is configured."));
            }
            else if (channel == NotificationChannels.DingTalkRobot && !options.Channels.DingTalk.Robots.ContainsKey(settings.DingTalkRobot!))
            {
                problems.Add(new("dingTalkRobot", "NfErrorUnknownRobot", settings.DingTalkRobot, $"dingTalkRobot: no DingTalk robot '{settings.DingTalkRobot}' is configured."));
            }
        }

        if (!string.IsNullOrWhiteSpace(settings.Email) && !MimeKit.MailboxAddress.TryParse(settings.Email, out _))
        {
            problems.Add(new("email", "NfErrorEmail", settings.Email, $"email: '{settings.Email}' is no e-mail address."));
        }

        return problems;
    }

    private static string AddressField(string channel) => channel switch
    {
        NotificationChannels.WeComRobot => "weComRobot",
        NotificationChannels.WeComApp => "weComUserId",
        NotificationChannels.DingTalkRobot => "dingTalkRobot",
        _ => "email",
    };

    /// <summary>Whether this chain has the channel switched on (a person can choose only those).</summary>
    public static bool Enabled(string channel, NotificationOptions options) => channel switch
    {
        NotificationChannels.WeComRobot => options.Channels.WeComRobot.Enabled,
        NotificationChannels.WeComApp => options.Channels.WeComApp.Enabled,
        NotificationChannels.DingTalkRobot => options.Channels.DingTalk.Enabled,
        NotificationChannels.Email => options.Channels.Email.Enabled,
        _ => false,
    };
}
