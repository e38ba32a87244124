using StoreSales.Contracts.Health;
using StoreSales.Silo.Ingest;

namespace StoreSales.Silo.Health;

/// <summary>Checks an agent heartbeat; each problem is keyed by the JSON path of the field at fault (e.g. <c>devices[1].kind</c>).</summary>
public static class HeartbeatValidator
{
    /// <summary>More devices than any store PC has: a heartbeat beyond it is refused.</summary>
    public const int MaxDevices = 256;

    private const int MaxTextLength = 256;
    private const int MaxCounters = 64;

    public static Dictionary<string, string[]> Validate(AgentHeartbeat heartbeat)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (string.IsNullOrWhiteSpace(heartbeat.AgentId) || heartbeat.AgentId.Length > MaxTextLength)
        {
            errors["agentId"] = [$"Required: the agent's name, at most {MaxTextLength} characters."];
        }

        if (heartbeat.AgentVersion is { Length: > MaxTextLength })
        {
            errors["agentVersion"] = [$"At most {MaxTextLength} characters."];
        }

        if (heartbeat.SentAt == default)
        {
            errors["sentAt"] = ["Required: when the agent sent the heartbeat."];
        }

        if (heartbeat.OutboxDepth < 0)
        {
            errors["outboxDepth"] = ["Must not be negative."];
        }

        if (heartbeat.RejectedCount < 0)
        {
            errors["rejectedCount"] = ["Must not be negative."];
        }

        if (heartbeat.OutboxBytes < 0 || heartbeat.OutboxMaxBytes is <= 0 || heartbeat.OutboxWritesPastBound < 0)
        {
            errors["outboxBytes"] = ["outboxBytes and outboxWritesPastBound must not be negative, outboxMaxBytes must be positive."];
        }

        if (heartbeat.OutboxState is not null && !OutboxStates.IsKnown(heartbeat.OutboxState))
        {
            errors["outboxState"] = [$"One of {OutboxStates.Ok}, {OutboxStates.NearFull}, {OutboxStates.OverBound}."];
        }

        if (heartbeat.OldestUnsentAgeSeconds is { } age && (age < 0 || !double.IsFinite(age)))
        {
            errors["oldestUnsentAgeSeconds"] = ["Must be a number of seconds, not negative."];
        }

        if (heartbeat.ClockSkewSeconds is { } skew && !double.IsFinite(skew))
        {
            errors["clockSkewSeconds"] = ["Must be a number of seconds."];
        }

        if (heartbeat.Devices is null)
        {
            errors["devices"] = ["Required: the agent's devices (an empty list when it has none)."];
        }
        else if (heartbeat.Devices.Count > MaxDevices)
        {
            errors["devices"] = [$"At most {MaxDevices} devices; this heartbeat has {heartbeat.Devices.Count}."];
        }
        else
        {
            for (var i = 0; i < heartbeat.Devices.Count; i++)
            {
                ValidateDevice(heartbeat.Devices[i], $"devices[{i}]", errors);
            }
        }

        return errors;
    }

    private static void ValidateDevice(DeviceHeartbeat? device, string path, Dictionary<string, string[]> errors)
    {
        if (device is null)
        {
            errors[path] = ["A device must not be null."];
            return;
        }

        if (!StoreRequests.IsIdentifier(device.TerminalId))
        {
            errors[$"{path}.terminalId"] = [StoreRequests.IdentifierRule];
        }

        if (!DeviceKinds.IsKnown(device.Kind))
        {
            errors[$"{path}.kind"] = [$"Must be '{DeviceKinds.Till}', '{DeviceKinds.Scanner}', '{DeviceKinds.HidScanner}' or '{DeviceKinds.Receipt}'; was '{device.Kind}'."];
        }

        if (device.Path is { Length: > MaxTextLength })
        {
            errors[$"{path}.path"] = [$"At most {MaxTextLength} characters."];
        }

        if (device.Counters is { Count: > MaxCounters })
        {
            errors[$"{path}.counters"] = [$"At most {MaxCounters} counters."];
        }
    }
}
