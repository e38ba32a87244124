using MailKit.Security;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// How alerts are pushed (section <c>Notifications</c>; docs/domain.md "Notifications"). Secrets live here, in
/// configuration (environment or a secret store in production), never in the database, never in a log line.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Where a message's link points: the command center as people open it (the inbox is <c>{PublicBaseUrl}/interventions</c>).</summary>
    public string PublicBaseUrl { get; init; } = "http://127.0.0.1:5080";

    public DispatcherSettings Dispatcher { get; init; } = new();

    public DigestSettings Digest { get; init; } = new();

    public DeliverySettings Delivery { get; init; } = new();

    public ChannelSettings Channels { get; init; } = new();

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            return $"{SectionName}:{nameof(PublicBaseUrl)} must be an absolute http(s) address (is '{PublicBaseUrl}').";
        }

        return Dispatcher.Validate() ?? Digest.Validate() ?? Delivery.Validate() ?? Channels.Validate();
    }

    public sealed class DispatcherSettings
    {
        /// <summary>Whether this host sends. Any number of hosts may: a row is claimed by one only. Default true.</summary>
        public bool Enabled { get; init; } = true;

        /// <summary>Deliveries claimed per round. Default 200.</summary>
        public int BatchSize { get; init; } = 200;

        /// <summary>Longest sleep between rounds when no NOTIFY wakes the dispatcher (retries and quiet hours come due this way). Default 5 s.</summary>
        public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

        internal string? Validate() =>
            BatchSize is < 1 or > 10_000 ? $"{SectionName}:Dispatcher:{nameof(BatchSize)} must be between 1 and 10000 (is {BatchSize})."
            : PollInterval <= TimeSpan.Zero ? $"{SectionName}:Dispatcher:{nameof(PollInterval)} must be positive (is {PollInterval})."
            : null;
    }

    public sealed class DigestSettings
    {
        /// <summary>More alerts than this for one person on one channel within <see cref="Window"/>: one digest instead. Default 5.</summary>
        public int Threshold { get; init; } = 5;

        /// <summary>The digest window; also the least time between two digests to one person on one channel. Default 10 minutes.</summary>
        public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

        internal string? Validate() =>
            Threshold < 1 ? $"{SectionName}:Digest:{nameof(Threshold)} must be at least 1 (is {Threshold})."
            : Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(1) ? $"{SectionName}:Digest:{nameof(Window)} must be between 0 and 1 day (is {Window}; \"48:00:00\" reads as 48 days)."
            : null;
    }

    public sealed class DeliverySettings
    {
        /// <summary>Tries within one round (the resilience pipeline's quick retries), before the row waits for its next round. Default 3.</summary>
        public int AttemptsPerRound { get; init; } = 3;

        /// <summary>First wait between tries within a round (doubling). Default 200 ms.</summary>
        public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Longest a provider may take to answer one try. Default 10 s.</summary>
        public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>Wait before the second round after a failed one (doubling per round). Default 30 s.</summary>
        public TimeSpan FirstRoundDelay { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>Longest wait between rounds. Default 30 minutes.</summary>
        public TimeSpan MaxRoundDelay { get; init; } = TimeSpan.FromMinutes(30);

        /// <summary>Rounds before a delivery is given up as failed (the provider's error kept). Default 10.</summary>
        public int MaxRounds { get; init; } = 10;

        internal string? Validate() =>
            AttemptsPerRound is < 1 or > 10 ? $"{SectionName}:Delivery:{nameof(AttemptsPerRound)} must be between 1 and 10 (is {AttemptsPerRound})."
            : RetryDelay < TimeSpan.Zero ? $"{SectionName}:Delivery:{nameof(RetryDelay)} must not be negative."
            : SendTimeout <= TimeSpan.Zero ? $"{SectionName}:Delivery:{nameof(SendTimeout)} must be positive."
            : FirstRoundDelay <= TimeSpan.Zero || MaxRoundDelay < FirstRoundDelay ? $"{SectionName}:Delivery:{nameof(FirstRoundDelay)} must be positive and at most {nameof(MaxRoundDelay)}."
            : MaxRounds < 1 ? $"{SectionName}:Delivery:{nameof(MaxRounds)} must be at least 1 (is {MaxRounds})."
            : null;
    }

    public sealed class ChannelSettings
    {
        public WeComRobotSettings WeComRobot { get; init; } = new();

        public WeComAppSettings WeComApp { get; init; } = new();

        public DingTalkSettings DingTalk { get; init; } = new();

        public EmailSettings Email { get; init; } = new();

        internal string? Validate() => WeComRobot.Validate() ?? WeComApp.Validate() ?? DingTalk.Validate() ?? Email.Validate();
    }

    /// <summary>WeCom group robots, by the name people choose them by; each robot's webhook key is its secret.</summary>
    public sealed class WeComRobotSettings
    {
        public bool Enabled { get; init; }

        public string BaseUrl { get; init; } = "https://qyapi.weixin.qq.com";

        /// <summary>Robot name → webhook key (the <c>key=</c> of its webhook address).</summary>
        public Dictionary<string, string> Robots { get; init; } = new(StringComparer.Ordinal);

        internal string? Validate() =>
            !Enabled ? null
            : !IsHttpUrl(BaseUrl) ? $"{SectionName}:Channels:WeComRobot:{nameof(BaseUrl)} must be an absolute http(s) address."
            : Robots.Count == 0 ? $"{SectionName}:Channels:WeComRobot is enabled but names no robot (Robots:{{name}} = webhook key)."
            : Robots.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Value)) is { Key: { } name } ? $"{SectionName}:Channels:WeComRobot:Robots:{name} has no webhook key."
            : null;
    }

    /// <summary>A WeCom self-built application: messages to a person's WeCom user id.</summary>
    public sealed class WeComAppSettings
    {
        public bool Enabled { get; init; }

        public string BaseUrl { get; init; } = "https://qyapi.weixin.qq.com";

        public string CorpId { get; init; } = "";

        public int AgentId { get; init; }

        /// <summary>The application's secret (to get its access token).</summary>
        public string Secret { get; init; } = "";

        internal string? Validate() =>
            !Enabled ? null
            : !IsHttpUrl(BaseUrl) ? $"{SectionName}:Channels:WeComApp:{nameof(BaseUrl)} must be an absolute http(s) address."
            : string.IsNullOrWhiteSpace(CorpId) ? $"{SectionName}:Channels:WeComApp is enabled without its {nameof(CorpId)}."
            : AgentId <= 0 ? $"{SectionName}:Channels:WeComApp is enabled without its {nameof(AgentId)}."
            : string.IsNullOrWhiteSpace(Secret) ? $"{SectionName}:Channels:WeComApp is enabled without its {nameof(Secret)}."
            : null;
    }

    /// <summary>DingTalk group robots with signed requests ("加签"), by the name people choose them by.</summary>
    public sealed class DingTalkSettings
    {
        public bool Enabled { get; init; }

        public string BaseUrl { get; init; } = "https://oapi.dingtalk.com";

        public Dictionary<string, DingTalkRobotSettings> Robots { get; init; } = new(StringComparer.Ordinal);

        internal string? Validate() =>
            !Enabled ? null
            : !IsHttpUrl(BaseUrl) ? $"{SectionName}:Channels:DingTalk:{nameof(BaseUrl)} must be an absolute http(s) address."
            : Robots.Count == 0 ? $"{SectionName}:Channels:DingTalk is enabled but names no robot (Robots:{{name}}:AccessToken and :Secret)."
            : Robots.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Value.AccessToken) || string.IsNullOrWhiteSpace(r.Value.Secret)) is { Key: { } name }
                ? $"{SectionName}:Channels:DingTalk:Robots:{name} needs both its AccessToken and its Secret (the SEC… signing secret)."
            : null;
    }

    public sealed class DingTalkRobotSettings
    {
        public string AccessToken { get; init; } = "";

        public string Secret { get; init; } = "";
    }

    public sealed class EmailSettings
    {
        public bool Enabled { get; init; }

        public string Host { get; init; } = "";

        public int Port { get; init; } = 587;

        /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names). Default StartTls.</summary>
        public SecureSocketOptions Security { get; init; } = SecureSocketOptions.StartTls;

        /// <summary>Empty: the server takes mail without signing in (a relay inside the network).</summary>
        public string UserName { get; init; } = "";

        public string Password { get; init; } = "";

        public string From { get; init; } = "";

        internal string? Validate() =>
            !Enabled ? null
            : string.IsNullOrWhiteSpace(Host) ? $"{SectionName}:Channels:Email is enabled without its {nameof(Host)}."
            : Port is < 1 or > 65535 ? $"{SectionName}:Channels:Email:{nameof(Port)} must be a TCP port (is {Port})."
            : !MimeKit.MailboxAddress.TryParse(From, out _) ? $"{SectionName}:Channels:Email:{nameof(From)} must be an e-mail address (is '{From}')."
            : UserName.Length > 0 && string.IsNullOrEmpty(Password) ? $"{SectionName}:Channels:Email has a {nameof(UserName)} but no {nameof(Password)}."
            : null;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
