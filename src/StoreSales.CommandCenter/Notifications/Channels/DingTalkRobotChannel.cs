using Microsoft.Extensions.Options;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>
/// A DingTalk group robot (自定义机器人) with signed requests: POST <c>/robot/send?access_token=…&amp;timestamp=…&amp;sign=…</c>
/// with a markdown message (<see cref="DingTalkSignature"/>).
/// </summary>
public sealed class DingTalkRobotChannel(NotificationHttp http, IOptions<NotificationOptions> options, TimeProvider clock) : INotificationChannel
{
    private readonly NotificationOptions.DingTalkSettings _settings = options.Value.Channels.DingTalk;

    public string Name => NotificationChannels.DingTalkRobot;

    public bool IsEnabled => _settings.Enabled;

    public async Task<ChannelReceipt> Send(OutgoingMessage message, string address, CancellationToken cancellationToken)
    {
        if (!_settings.Robots.TryGetValue(address, out var robot))
        {
            throw new ChannelRefusedException($"No DingTalk robot named '{address}' is configured.", transient: false);
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var sign = Uri.EscapeDataString(DingTalkSignature.Sign(timestamp, robot.Secret));
        var body = new { msgtype = "markdown", markdown = new { title = message.Title, text = message.Markdown } };
        var answer = await http.PostJson(
            $"{_settings.BaseUrl.TrimEnd('/')}/robot/send?access_token={Uri.EscapeDataString(robot.AccessToken)}&timestamp={timestamp}&sign={sign}", body, cancellationToken);
        // 130101: sending too fast (20 a minute per robot); worth another try.
        return answer.ErrCode == 0 ? new ChannelReceipt(null) : throw new ChannelRefusedException(answer.Error, transient: answer.ErrCode is -1 or 130101);
    }
}
