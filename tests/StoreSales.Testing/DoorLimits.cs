namespace StoreSales.Testing;

/// <summary>
/// The command center's per-address limits at its anonymous doors (<c>Limits:SignInsPerAddress</c>,
/// <c>Limits:HubConnectionsPerAddress</c>), lifted for the command centers tests start: every test client comes from
/// 127.0.0.1 and signs in a dozen people in seconds, which is no store's traffic. The tests of those limits set their own.
/// </summary>
public static class DoorLimits
{
    public static IReadOnlyDictionary<string, string> Lifted { get; } = new Dictionary<string, string>
    {
        ["Limits:SignInsPerAddress"] = "1000000",
        ["Limits:HubConnectionsPerAddress"] = "1000000",
    };
}
