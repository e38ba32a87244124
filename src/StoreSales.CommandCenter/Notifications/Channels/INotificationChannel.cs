namespace StoreSales.CommandCenter.Notifications.Channels;

/// <summary>One way of reaching a person (WeCom robot, WeCom app, DingTalk robot, e-mail).</summary>
public interface INotificationChannel
{
    /// <summary>The channel's name as people choose it and the outbox stores it (<c>NotificationChannels</c>).</summary>
    string Name { get; }

    /// <summary>Whether this host is configured to send on it.</summary>
    bool IsEnabled { get; }

    /// <summary>
    /// Sends one message to <paramref name="address"/> (a robot's name, a WeCom user id, an e-mail address). Throws
    /// <see cref="ChannelRefusedException"/> when the provider answers with an error, which is kept as given.
    /// </summary>
    Task<ChannelReceipt> Send(OutgoingMessage message, string address, CancellationToken cancellationToken);
}

/// <summary>A message as every channel gets it, already in the person's language.</summary>
/// <param name="IdempotencyKey">Sent where the provider takes one (e-mail Message-Id; WeCom application duplicate check).</param>
/// <param name="Title">One line: severity, condition and subject.</param>
/// <param name="Lines">The body's lines (one per alert in a digest).</param>
/// <param name="Link">The deep link back to the inbox.</param>
/// <param name="LinkText">The link's words.</param>
/// <param name="WeComUserId">Mentioned in a WeCom group robot's message when given.</param>
public sealed record OutgoingMessage(string IdempotencyKey, string Title, IReadOnlyList<string> Lines, string Link, string LinkText, string? WeComUserId)
{
    /// <summary>The message as plain text: title, lines, link.</summary>
    public string PlainText => string.Join('\n', [Title, .. Lines, $"{LinkText}: {Link}"]);

    /// <summary>The message as markdown (WeCom and DingTalk render it).</summary>
    public string Markdown => string.Join('\n', [$"**{Title}**", .. Lines.Select(l => "> " + l), $"[{LinkText}]({Link})"]);
}

/// <summary>What a provider gave back for a message it took: its id for the message, when it gives one.</summary>
public sealed record ChannelReceipt(string? ProviderMessageId);

/// <summary>The provider answered, with an error (its code and message as it gave them).</summary>
public sealed class ChannelRefusedException(string providerError, bool transient = true) : Exception(providerError)
{
    /// <summary>Whether trying again may help (a rate limit, an expired token); false for a wrong address or key.</summary>
    public bool Transient { get; } = transient;
}
