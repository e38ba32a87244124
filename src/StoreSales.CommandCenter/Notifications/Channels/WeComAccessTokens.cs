using Microsoft.Extensions.Options;

namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>
/// The WeCom application's access token (<c>/cgi-bin/gettoken?corpid=…&amp;corpsecret=…</c>), kept until shortly before
/// it expires (WeCom: 7200 s) and fetched again then, or at once when WeCom says it is no longer valid. One fetch at a
/// time: a storm of messages asks once.
/// </summary>
public sealed class WeComAccessTokens(NotificationHttp http, IOptions<NotificationOptions> options, TimeProvider clock) : IDisposable
{
    // Fetched again this long before WeCom's stated expiry, so a token never expires between reading and using it.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly NotificationOptions.WeComAppSettings _settings = options.Value.Channels.WeComApp;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private (string Token, DateTimeOffset Until)? _current;

    public async Task<string> Current(CancellationToken cancellationToken)
    {
        if (_current is { } held && clock.GetUtcNow() < held.Until)
        {
            return held.Token;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fetched && clock.GetUtcNow() < fetched.Until)
            {
                return fetched.Token;
            }

            var answer = await http.Get(
                $"{_settings.BaseUrl.TrimEnd('/')}/cgi-bin/gettoken?corpid={Uri.EscapeDataString(_settings.CorpId)}&corpsecret={Uri.EscapeDataString(_settings.Secret)}",
                cancellationToken);
            if (answer.ErrCode != 0 || string.IsNullOrEmpty(answer.AccessToken))
            {
                throw new ChannelRefusedException($"WeCom gave no access token ({answer.Error}).", WeComErrors.IsTransient(answer.ErrCode));
            }

            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn ?? 7200);
            _current = (answer.AccessToken, clock.GetUtcNow() + (lifetime > Margin * 2 ? lifetime - Margin : lifetime / 2));
            return answer.AccessToken;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (WeCom called it invalid or expired): the next message fetches a new one.</summary>
    public void Forget(string token)
    {
        if (_current is { } held && held.Token == token)
        {
            _current = null;
        }
    }

    public void Dispose() => _fetching.Dispose();
}
