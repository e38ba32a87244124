using StoreSales.Data.Notifications;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// What is wrong with the settings a person is about to save, each problem as a <c>Labels</c> key (and its argument),
/// so the page says why it refuses instead of saving settings that can never deliver: a chosen channel this chain has
/// not enabled, or without its address; a robot not configured; an e-mail address that is none; an unknown time zone.
/// </summary>
public static class NotificationSettingsCheck
{
    public static IReadOnlyList<(string Key, string? Argument)> Problems(NotificationSettings settings, NotificationOptions options)
    {
        var problems = new List<(string, string?)>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out _))
        {
            problems.Add(("NfErrorTimeZone", settings.TimeZone));
        }

        foreach (var channel in settings.Channels)
        {
            if (!NotificationChannels.IsKnown(channel) || !Enabled(channel, options))
            {
                problems.Add(("NfErrorChannelOff", channel));
            }
            else if (string.IsNullOrWhiteSpace(settings.AddressOn(channel)))
            {
                problems.Add(("NfErrorNoAddress", channel));
            }
            else if (channel == NotificationChannels.WeComRobot && !options.Channels.WeComRobot.Robots.ContainsKey(settings.WeComRobot!))
            {
                problems.Add(("NfErrorUnknownRobot", settings.WeComRobot));
            }
            else if (channel == NotificationChannels.DingTalkRobot && !options.Channels.DingTalk.Robots.ContainsKey(settings.DingTalkRobot!))
            {
                problems.Add(("NfErrorUnknownRobot", settings.DingTalkRobot));
            }
        }

        if (!string.IsNullOrWhiteSpace(settings.Email) && !MimeKit.MailboxAddress.TryParse(settings.Email, out _))
        {
            problems.Add(("NfErrorEmail", settings.Email));
        }

        return problems;
    }

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
