using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Devices;

/// <summary>Runs every device adapter until shutdown; an adapter that fails unexpectedly is restarted, never the agent.</summary>
internal sealed partial class DeviceHost(DeviceRegistry devices, IOptions<AgentOptions> agent, ILogger<DeviceHost> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (devices.Adapters.Count == 0)
        {
            LogNoDevices(logger, agent.Value.StoreId);
            return;
        }

        await Task.WhenAll(devices.Adapters.Select(a => SuperviseAsync(a, stoppingToken)));
    }

    private async Task SuperviseAsync(IDeviceAdapter adapter, CancellationToken stoppingToken)
    {
        LogStarting(logger, agent.Value.StoreId, adapter.TerminalId, adapter.Kind, adapter.Source);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await adapter.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogAdapterFailed(logger, ex, agent.Value.StoreId, adapter.TerminalId, adapter.Kind, RestartDelay);
            }

            try
            {
                await Task.Delay(RestartDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: no terminals configured (Terminals section empty); the agent only uploads its outbox")]
    private static partial void LogNoDevices(ILogger logger, string storeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: reading {Kind} on {Source}")]
    private static partial void LogStarting(ILogger logger, string storeId, string terminalId, string kind, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId}: {Kind} adapter failed; restarting in {Delay}")]
    private static partial void LogAdapterFailed(ILogger logger, Exception exception, string storeId, string terminalId, string kind, TimeSpan delay);
}
