namespace StoreSales.Domain.Notifications;

/// <summary>
/// The channels an alert can be pushed on, as a person chooses them and the delivery outbox stores them. The web
/// inbox is not among them: every alert is in the inbox (the journal) whatever a person chooses.
/// </summary>
public static class NotificationChannels
{
    /// <summary>A WeCom (企业微信) group robot webhook; the person is @-mentioned by their WeCom user id when they gave one.</summary>
    public const string WeComRobot = "wecom-robot";

    /// <summary>A WeCom application message to the person's WeCom user id (corp id, agent id, secret → access token).</summary>
    public const string WeComApp = "wecom-app";

    /// <summary>A DingTalk (钉钉) group robot with its signed-request scheme.</summary>
    public const string DingTalkRobot = "dingtalk-robot";

    /// <summary>E-mail over SMTP.</summary>
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [WeComRobot, WeComApp, DingTalkRobot, Email];

    public static bool IsKnown(string channel) => All.Contains(channel, StringComparer.Ordinal);
}
