using Microsoft.Extensions.Options;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>
/// A WeCom application message (应用消息) to one person's WeCom user id: POST <c>/cgi-bin/message/send?access_token=…</c>
/// with the application's agent id, WeCom's duplicate check on (the same message within 30 minutes is not shown twice:
/// the provider's side of "at least once").
/// </summary>
public sealed class WeComAppChannel(NotificationHttp http, WeComAccessTokens tokens, IOptions<NotificationOptions> options) : INotificationChannel
{
    private readonly NotificationOptions.WeComAppSettings _settings = options.Value.Channels.WeComApp;

    public string Name => NotificationChannels.WeComApp;

    public bool IsEnabled => _settings.Enabled;

    public async Task<ChannelReceipt> Send(OutgoingMessage message, string address, CancellationToken cancellationToken)
    {
        var token = await tokens.Current(cancellationToken);
        var body = new
        {
            touser = address,
            msgtype = "text",
            agentid = _settings.AgentId,
            text = new { content = message.PlainText },
            enable_duplicate_check = 1,
            duplicate_check_interval = 1800,
        };
        var answer = await http.PostJson($"{_settings.BaseUrl.TrimEnd('/')}/cgi-bin/message/send?access_token={Uri.EscapeDataString(token)}", body, cancellationToken);
        if (answer.ErrCode is WeComErrors.InvalidToken or WeComErrors.TokenExpired)
        {
            tokens.Forget(token);
        }

        return answer.ErrCode == 0 ? new ChannelReceipt(answer.MsgId) : throw new ChannelRefusedException(answer.Error, WeComErrors.IsTransient(answer.ErrCode));
    }
}
