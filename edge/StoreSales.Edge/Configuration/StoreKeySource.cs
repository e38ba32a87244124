using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoreSales.Edge.Configuration;

/// <summary>
/// The store key to send with the next request, read afresh each time so a rotated key is taken without a restart
/// (and without touching the outbox): from <see cref="AgentOptions.StoreKeyFile"/> when set (the file is read on every
/// request: a few dozen bytes, at most a few times a second), otherwise <see cref="AgentOptions.StoreKey"/> as the
/// configuration has it now (appsettings.json is reloaded when it changes). The key itself is never logged.
/// </summary>
public sealed partial class StoreKeySource(IOptionsMonitor<AgentOptions> agent, string contentRootPath, ILogger<StoreKeySource> logger)
{
    private string? _last;

    /// <summary>The key to send now; the last good one when the key file cannot be read for a moment (being rewritten).</summary>
    public string Current
    {
        get
        {
            var options = agent.CurrentValue;
            var key = string.IsNullOrWhiteSpace(options.StoreKeyFile) ? options.StoreKey : ReadFile(options.StoreKeyFile) ?? _last ?? "";
            var last = Interlocked.Exchange(ref _last, key);
            if (last is not null && !string.Equals(last, key, StringComparison.Ordinal))
            {
                LogChanged(logger, options.StoreId, string.IsNullOrWhiteSpace(options.StoreKeyFile) ? $"{AgentOptions.SectionName}:StoreKey" : FilePath(options.StoreKeyFile));
            }

            return key;
        }
    }

    /// <summary><paramref name="file"/> against the content root, as the outbox path is.</summary>
    public string FilePath(string file) => Path.Combine(contentRootPath, file);

    /// <summary>The file's trimmed content, or null when it is missing, unreadable or empty (logged).</summary>
    private string? ReadFile(string file)
    {
        var path = FilePath(file);
        try
        {
            var key = File.ReadAllText(path).Trim();
            if (key.Length > 0)
            {
                return key;
            }

            LogUnreadable(logger, path, "it is empty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, path, ex.Message);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: the store key changed ({Source}); the next requests carry the new one")]
    private static partial void LogChanged(ILogger logger, string storeId, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "The store key file {Path} (Agent:StoreKeyFile) cannot be read: {Why}; the last key read is sent meanwhile")]
    private static partial void LogUnreadable(ILogger logger, string path, string why);
}
