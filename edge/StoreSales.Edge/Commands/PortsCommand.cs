using System.IO.Ports;

namespace StoreSales.Edge.Commands;

/// <summary>
/// <c>ports</c>: the serial ports and keyboard-like input devices of this PC with their stable names, so a
/// configuration can name <c>/dev/serial/by-id/…</c> rather than a number that changes when a cable moves.
/// </summary>
public static class PortsCommand
{
    public static async Task<int> Run(TextWriter output)
    {
        if (OperatingSystem.IsWindows())
        {
            await output.WriteLineAsync("Serial ports:");
            foreach (var name in SerialPort.GetPortNames().Order(StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"  {name}");
            }

            return 0;
        }

        await List(output, "Serial ports by id (use these in Terminals:N:TillPort / ScannerPort):", "/dev/serial/by-id", _ => true);
        await List(output, "Serial ports by path:", "/dev/serial/by-path", _ => true);
        await ListPlain(output, "Serial devices:", "/dev", n => n.StartsWith("ttyUSB", StringComparison.Ordinal) || n.StartsWith("ttyACM", StringComparison.Ordinal) || n.StartsWith("ttyS", StringComparison.Ordinal));
        await List(output, "Keyboard-like input devices (HID scanners; use in Terminals:N:HidScanner):", "/dev/input/by-id", n => n.EndsWith("-event-kbd", StringComparison.Ordinal));
        return 0;
    }

    private static async Task List(TextWriter output, string title, string folder, Func<string, bool> include)
    {
        await output.WriteLineAsync(title);
        var entries = Directory.Exists(folder)
            ? Directory.EnumerateFileSystemEntries(folder).Where(p => include(Path.GetFileName(p))).Order(StringComparer.Ordinal).ToList()
            : [];
        if (entries.Count == 0)
        {
            await output.WriteLineAsync("  (none)");
        }

        foreach (var path in entries)
        {
            var target = new FileInfo(path).LinkTarget;
            var resolved = target is null ? null : Path.GetFullPath(Path.Combine(folder, target));
            await output.WriteLineAsync(resolved is null ? $"  {path}" : $"  {path} -> {resolved}");
        }
    }

    private static async Task ListPlain(TextWriter output, string title, string folder, Func<string, bool> include)
    {
        await output.WriteLineAsync(title);
        var names = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Where(include).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            await output.WriteLineAsync("  (none)");
        }

        foreach (var name in names)
        {
            await output.WriteLineAsync($"  /dev/{name}");
        }
    }
}
