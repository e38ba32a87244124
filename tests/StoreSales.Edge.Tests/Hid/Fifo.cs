using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using StoreSales.Edge.Devices.Scanner;

namespace StoreSales.Edge.Tests.Hid;

/// <summary>Named pipes standing in for <c>/dev/input/event*</c> (this kernel has no uinput).</summary>
internal static class Fifo
{
    public static string Create(string path)
    {
        if (mkfifo(Encoding.UTF8.GetBytes(path + "\0"), 0x1B6 /* 0666 */) != 0)
        {
            throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return path;
    }

    /// <summary>Opens the FIFO for writing, which waits until a reader has it open (bounded, so a test fails instead of hanging).</summary>
    public static async Task<FileStream> OpenWriterAsync(string path) =>
        await Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(byte[] path, uint mode);
#pragma warning restore SYSLIB1054
}

internal sealed class RecordingScanSink : IScanSink
{
    private readonly ConcurrentQueue<Scan> _scans = new();

    public IReadOnlyList<string> Codes => [.. _scans.Select(s => s.Code)];

    public IReadOnlyList<Scan> Scans => [.. _scans];

    public void OnScan(Scan scan) => _scans.Enqueue(scan);
}
