namespace StoreSales.CommandCenter.Components.Boards;

/// <summary>The resource key naming a kind of device as the agent reports it (<c>till</c>, <c>scanner</c>, …).</summary>
public static class DeviceKindLabel
{
    public static string Key(string kind) => kind switch
    {
        "till" => "DeviceTill",
        "scanner" => "DeviceScanner",
        "hid-scanner" => "DeviceHidScanner",
        "receipt" => "DeviceReceipt",
        _ => kind,
    };
}
