using System.Security.Cryptography;
using System.Text;

namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>
/// DingTalk's signed robot requests (加签): the string <c>{timestamp}\n{secret}</c> (timestamp in Unix milliseconds),
/// HMAC-SHA256 keyed with the secret, Base64, then URL-encoded, sent as <c>&amp;timestamp=…&amp;sign=…</c>. DingTalk refuses
/// a timestamp more than an hour from its clock.
/// </summary>
public static class DingTalkSignature
{
    /// <summary>The Base64 signature, not yet URL-encoded.</summary>
    public static string Sign(long timestampMs, string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var text = Encoding.UTF8.GetBytes($"{timestampMs}\n{secret}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, text));
    }
}
