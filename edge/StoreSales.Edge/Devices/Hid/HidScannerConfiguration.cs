using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>Start-up checks of a terminal's <c>Hid*</c> keys; messages name the key with its index.</summary>
internal static class HidScannerConfiguration
{
    public static readonly TimeSpan MaxKeyGapLimit = TimeSpan.FromSeconds(1);

    /// <param name="key">The terminal's key prefix, e.g. <c>Terminals:0</c>.</param>
    /// <param name="seenPaths">Device paths already used by other keys (path → key), to catch one device configured twice.</param>
    public static void Validate(TerminalOptions terminal, string key, Dictionary<string, string> seenPaths, List<string> failures)
    {
        if (!KeyboardLayout.TryGet(terminal.HidLayout, out _))
        {
            failures.Add($"{key}:HidLayout '{terminal.HidLayout}' must be {string.Join(", ", KeyboardLayout.Names)}.");
        }

        if (terminal.HidMaxKeyGap <= TimeSpan.Zero || terminal.HidMaxKeyGap > MaxKeyGapLimit)
        {
            failures.Add($"{key}:HidMaxKeyGap must be greater than zero and at most 00:00:01 (was {terminal.HidMaxKeyGap}).");
        }

        if (string.IsNullOrWhiteSpace(terminal.HidScanner))
        {
            return;
        }

        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            failures.Add($"{key}:HidScanner needs a 64-bit Linux agent (evdev); this one runs on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");
        }

        if (!seenPaths.TryAdd(terminal.HidScanner, $"{key}:HidScanner"))
        {
            failures.Add($"{key}:HidScanner '{terminal.HidScanner}' is already used by {seenPaths[terminal.HidScanner]}.");
        }
    }
}
