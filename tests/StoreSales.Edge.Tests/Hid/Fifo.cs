using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using StoreSales.Domain.Barcodes;
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

/// <summary>One scan as a scan sink received it.</summary>
internal sealed record RecordedScan(string TerminalId, DecodedScan Decoded, DateTimeOffset ScannedAt)
{
    /// <summary>What identifies the scan: its GTIN, else its member id.</summary>
    public string Code => Decoded.Gtin ?? Decoded.MemberId ?? Decoded.Data;
}

internal sealed class RecordingScanSink : IScanSink
{
    private readonly ConcurrentQueue<RecordedScan> _scans = new();

    public IReadOnlyList<string> Codes => [.. _scans.Select(s => s.Code)];

    public IReadOnlyList<RecordedScan> Scans => [.. _scans];

    public void OnScan(string terminalId, DecodedScan scan, DateTimeOffset scannedAt) => _scans.Enqueue(new RecordedScan(terminalId, scan, scannedAt));
}
