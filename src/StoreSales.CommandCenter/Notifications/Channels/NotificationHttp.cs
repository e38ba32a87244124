using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>
/// The channels' HTTP client, and the one reading of WeCom's and DingTalk's shared answer shape
/// <c>{"errcode":0,"errmsg":"ok"}</c>. A plain client, not the factory's: its logging handler would write request
/// addresses, and the robots' keys travel in the query string.
/// </summary>
public sealed class NotificationHttp : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Posts JSON and reads the provider's answer; an HTTP failure or a non-zero errcode is thrown as <see cref="ChannelRefusedException"/>.</summary>
    public async Task<ProviderAnswer> PostJson(string url, object body, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(url, body, cancellationToken);
        return await Read(response, cancellationToken);
    }

    public async Task<ProviderAnswer> Get(string url, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(url, cancellationToken);
        return await Read(response, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private static async Task<ProviderAnswer> Read(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            // 5xx and 429 may pass; anything else (a wrong path, 403) will not.
            var transient = (int)response.StatusCode >= 500 || (int)response.StatusCode == 429;
            throw new ChannelRefusedException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", transient);
        }

        ProviderAnswer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<ProviderAnswer>(cancellationToken);
        }
        catch (JsonException)
        {
            throw new ChannelRefusedException("The provider's answer is not JSON.");
        }

        return answer ?? throw new ChannelRefusedException("The provider gave an empty answer.");
    }
}

/// <summary>WeCom's and DingTalk's answer: errcode 0 is success; a message id and an access token when the call gives them.</summary>
public sealed record ProviderAnswer(
    [property: JsonPropertyName("errcode")] int ErrCode,
    [property: JsonPropertyName("errmsg")] string? ErrMsg,
    [property: JsonPropertyName("msgid")] string? MsgId = null,
    [property: JsonPropertyName("access_token")] string? AccessToken = null,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn = null)
{
    public string Error => $"errcode {ErrCode}: {ErrMsg}";
}
