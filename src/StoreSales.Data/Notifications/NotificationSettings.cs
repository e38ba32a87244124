using StoreSales.Domain.Notifications;

namespace StoreSales.Data.Notifications;

/// <summary>
/// One person's notification choices: the language and time zone of their messages, their quiet hours, the channels
/// they chose with their addresses on each, and their mutes. Which alerts they hear of is not kept here: it follows
/// their scope when each alert goes out (<see cref="NotificationQueue"/>).
/// </summary>
public sealed record NotificationSettings(
    string PersonId,
    string Culture,
    string TimeZone,
    QuietHours? Quiet,
    IReadOnlyList<string> Channels,
    string? WeComUserId,
    string? WeComRobot,
    string? DingTalkRobot,
    string? Email,
    IReadOnlyList<ConditionMute> Mutes)
{
    /// <summary>The address a channel delivers to for this person (a robot's name for the group robots), or null when not given.</summary>
    public string? AddressOn(string channel) => channel switch
    {
        NotificationChannels.WeComRobot => WeComRobot,
        NotificationChannels.WeComApp => WeComUserId,
        NotificationChannels.DingTalkRobot => DingTalkRobot,
        NotificationChannels.Email => Email,
        _ => null,
    };
}
