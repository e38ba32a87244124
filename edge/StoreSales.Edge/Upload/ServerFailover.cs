using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Upload;

/// <summary>
/// Which of the configured servers (<see cref="AgentOptions.Servers"/>) the agent talks to: the first, until it fails,
/// then the next one, wrapping round. One choice for sales and heartbeats alike, so both go where the last success was:
/// a silo that is gone costs one failed attempt, not one per batch.
/// </summary>
public sealed partial class ServerFailover
{
    private readonly Uri[] _servers;
    private readonly ILogger<ServerFailover> _logger;
    private int _current;

    public ServerFailover(IOptions<AgentOptions> agent, ILogger<ServerFailover> logger)
    {
        _servers = [.. agent.Value.Servers().Select(url => new Uri(url.Trim().TrimEnd('/') + "/", UriKind.Absolute))];
        _logger = logger;
    }

    /// <summary>Every server, in the order they are tried.</summary>
    public IReadOnlyList<Uri> Servers => _servers;

    /// <summary>The server to use now: the last one that worked, or the next after the last one that failed.</summary>
    public Uri Current => _servers[Volatile.Read(ref _current)];

    /// <summary>
    /// <paramref name="server"/> did not answer: if it is still the current one, the next becomes current (another
    /// caller may have moved on already; then nothing changes). Returns the server to use now.
    /// </summary>
    public Uri Failed(Uri server, string why)
    {
        var index = Array.IndexOf(_servers, server);
        if (index >= 0 && _servers.Length > 1)
        {
            var next = (index + 1) % _servers.Length;
            if (Interlocked.CompareExchange(ref _current, next, index) == index)
            {
                LogMoved(_logger, server, why, _servers[next]);
            }
        }

        return Current;
    }

    /// <summary>True when the outcome says the server itself is not there or not well (the next one may be), not that it refused.</summary>
    public static bool ServerDown(UploadOutcome outcome) =>
        outcome.Kind == UploadOutcomeKind.Failed
        && outcome.StatusCode is null or >= 500 or 408;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server {Server} failed ({Why}); using {Next} from now on")]
    private static partial void LogMoved(ILogger logger, Uri server, string why, Uri next);
}
