using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Tests.Hid;

namespace StoreSales.Edge.Tests.Scanner;

/// <summary>10^5 random frames per serial scanner preset, fed in random chunks: no crash, every frame accounted for.</summary>
public sealed class ScannerFuzzTests
{
    private const int FramesPerPreset = 100_000;
    private static readonly string Valid = Gtin.WithCheckDigit("692043321819");

    [Theory]
    [InlineData("gap-9600")]
    [InlineData("opos-cr")]
    [InlineData("crlf-115200")]
    [InlineData("cr-9600-7o1")]
    [InlineData("stx-etx")]
    public async Task Random_frames_never_throw_and_each_is_counted_as_what_it_is(string preset)
    {
        var random = new Random(preset.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
        var terminal = new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent", ScannerPort = "/nonexistent", ScannerPreset = preset };
        var sink = new RecordingScanSink();
        var adapter = new SerialScannerAdapter(terminal, new AgentOptions { StoreId = "store-test" }, sink, NullLogger<SerialScannerAdapter>.Instance, TimeProvider.System);
        var line = adapter.Line;
        var (valid, garbage, overlong) = (0, 0, 0);

        for (var i = 0; i < FramesPerPreset; i++)
        {
            string payload;
            switch (random.Next(3))
            {
                case 0:
                    payload = Valid;
                    valid++;
                    break;
                case 1:
                    // Printable noise with at least one control byte that is neither trimmed, a suffix, STX/ETX nor GS.
                    var noise = new StringBuilder();
                    for (var n = random.Next(0, 40); n > 0; n--)
                    {
                        noise.Append((char)random.Next(0x21, 0x7F));
                    }

                    noise.Insert(random.Next(noise.Length + 1), (char)(random.Next(2) == 0 ? 0x01 : random.Next(0x0E, 0x1B)));
                    payload = noise.ToString();
                    garbage++;
                    break;
                default:
                    payload = new string('7', random.Next(300, 600));
                    overlong++;
                    break;
            }

            var bytes = Encoding.Latin1.GetBytes(line.Suffix == ScannerSuffixKind.Etx ? "\u0002" + payload : payload).Concat(line.Terminator).ToArray();
            if (line.DataBits == 7)
            {
                // Noise in the unused high bit must not change what the frame is.
                bytes = [.. bytes.Select(b => random.Next(2) == 0 ? (byte)(b | 0x80) : b)];
            }

            for (var at = 0; at < bytes.Length;)
            {
                var chunk = Math.Min(bytes.Length - at, random.Next(1, 64));
                await adapter.OnDataAsync(bytes.AsMemory(at, chunk), TestContext.Current.CancellationToken);
                at += chunk;
            }

            if (line.Suffix == ScannerSuffixKind.None)
            {
                adapter.OnQuiet();
            }
        }

        var counters = adapter.Snapshot();
        Assert.Equal((valid, garbage, overlong), ((int)counters[ScannerCounters.Scans], (int)counters[ScannerCounters.Garbage], (int)counters[ScannerCounters.Overlong]));
        Assert.Equal(valid + garbage, counters[ScannerCounters.Frames]);
        Assert.Equal(0, counters[ScannerCounters.Unrecognized]);
        Assert.Equal(valid, sink.Codes.Count);
    }
}
