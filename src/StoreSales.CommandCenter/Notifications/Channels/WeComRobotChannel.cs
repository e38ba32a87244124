using Microsoft.Extensions.Options;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>
/// A WeCom group robot (群机器人): POST <c>/cgi-bin/webhook/send?key={key}</c> with a text message; the person is
/// @-mentioned by their WeCom user id when they gave one. The robot's key is its secret.
/// </summary>
public sealed class WeComRobotChannel(NotificationHttp http, IOptions<NotificationOptions> options) : INotificationChannel
{
    private readonly NotificationOptions.WeComRobotSettings _settings = options.Value.Channels.WeComRobot;

    public string Name => NotificationChannels.WeComRobot;

    public bool IsEnabled => _settings.Enabled;

    public async Task<ChannelReceipt> Send(OutgoingMessage message, string address, CancellationToken cancellationToken)
    {
        if (!_settings.Robots.TryGetValue(address, out var key))
        {
            throw new ChannelRefusedException($"No WeCom robot named '{address}' is configured.", transient: false);
        }

        var body = new
        {
            msgtype = "text",
            text = new
            {
                content = message.PlainText,
                mentioned_list = message.WeComUserId is { Length: > 0 } user ? new[] { user } : [],
            },
        };
        var answer = await http.PostJson($"{_settings.BaseUrl.TrimEnd('/')}/cgi-bin/webhook/send?key={Uri.EscapeDataString(key)}", body, cancellationToken);
        return answer.ErrCode == 0 ? new ChannelReceipt(answer.MsgId) : throw new ChannelRefusedException(answer.Error, WeComErrors.IsTransient(answer.ErrCode));
    }
}

/// <summary>WeCom error codes worth another try: busy (-1), rate limits (45009, 45033), an access token gone stale (40014, 42001).</summary>
internal static class WeComErrors
{
    public const int InvalidToken = 40014;
    public const int TokenExpired = 42001;

    public static bool IsTransient(int code) => code is -1 or 45009 or 45033 or InvalidToken or TokenExpired;
}
