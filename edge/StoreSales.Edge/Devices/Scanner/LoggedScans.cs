using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>The scan sink of the walking skeleton: a debug log line per scan.</summary>
internal sealed partial class LoggedScans(ILogger<LoggedScans> logger, IOptions<AgentOptions> agent) : IScanSink
{
    public void OnScan(Scan scan) => LogScan(logger, agent.Value.StoreId, scan.TerminalId, scan.Code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} terminal {TerminalId}: scanned {Code}")]
    private static partial void LogScan(ILogger logger, string storeId, string terminalId, string code);
}
