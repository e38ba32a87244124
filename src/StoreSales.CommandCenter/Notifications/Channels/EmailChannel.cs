using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>
/// E-mail over SMTP (MailKit). The Message-Id is made from the delivery's idempotency key, so a message sent twice
/// (at least once) is recognisably the same mail; the provider's receipt is that id.
/// </summary>
public sealed class EmailChannel(IOptions<NotificationOptions> options) : INotificationChannel
{
    private readonly NotificationOptions.EmailSettings _settings = options.Value.Channels.Email;

    public string Name => NotificationChannels.Email;

    public bool IsEnabled => _settings.Enabled;

    public async Task<ChannelReceipt> Send(OutgoingMessage message, string address, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(address, out var to))
        {
            throw new ChannelRefusedException($"'{address}' is not an e-mail address.", transient: false);
        }

        var mail = new MimeMessage { Subject = message.Title, MessageId = MessageIdOf(message.IdempotencyKey) };
        mail.From.Add(MailboxAddress.Parse(_settings.From));
        mail.To.Add(to);
        mail.Headers.Add("X-StoreSales-Idempotency-Key", message.IdempotencyKey);
        mail.Body = new TextPart("plain") { Text = message.PlainText };

        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(_settings.Host, _settings.Port, _settings.Security, cancellationToken);
            if (_settings.UserName.Length > 0)
            {
                await smtp.AuthenticateAsync(_settings.UserName, _settings.Password, cancellationToken);
            }

            await smtp.SendAsync(mail, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException refused)
        {
            // A 5xx answer (a mailbox that does not exist) will not pass by trying again; a 4xx may.
            throw new ChannelRefusedException($"SMTP {(int)refused.StatusCode}: {refused.Message}", transient: (int)refused.StatusCode < 500);
        }

        return new ChannelReceipt(mail.MessageId);
    }

    /// <summary>
    /// A Message-Id from the key: readable (characters outside letters, digits, '.' and '-' become '-') and unique (the
    /// key's hash follows, as two keys may read the same once their '/' and ':' are replaced).
    /// </summary>
    public static string MessageIdOf(string idempotencyKey)
    {
        var readable = new string(idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey)))[..12];
        return $"{readable}.{hash}@storesales.notifications";
    }
}
