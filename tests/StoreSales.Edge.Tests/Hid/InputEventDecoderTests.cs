using StoreSales.Edge.Devices.Hid;

namespace StoreSales.Edge.Tests.Hid;

public sealed class InputEventDecoderTests
{
    private static readonly IReadOnlyList<InputEvent> Script =
        new KeyScript().Type(KeyScript.ScannerGap, KeyScript.NumberRow("96385074", shift: true)).Events;

    [Fact]
    public void Records_split_across_reads_are_reassembled()
    {
        var bytes = KeyScript.Encode(Script);
        int[] chunkSizes = [1, 7, 23, 25, 5, 48, 13, 2, 71];
        var decoder = new InputEventDecoder();
        var decoded = new List<InputEvent>();

        for (int offset = 0, i = 0; offset < bytes.Length; i++)
        {
            var size = Math.Min(chunkSizes[i % chunkSizes.Length], bytes.Length - offset);
            decoder.Feed(bytes.AsSpan(offset, size), decoded.Add);
            offset += size;
        }

        Assert.Equal(Script, decoded);
        Assert.Equal(0, decoder.GarbageBytes);
        Assert.Equal(0, decoder.Pending);
    }

    [Fact]
    public void Garbage_bytes_are_skipped_until_records_line_up_again()
    {
        byte[] garbage = [0xFF, 0xFE, 0x00, 0x13, 0x37];
        var decoder = new InputEventDecoder();
        var decoded = new List<InputEvent>();

        decoder.Feed([.. garbage, .. KeyScript.Encode(Script)], decoded.Add);

        Assert.Equal(Script, decoded);
        Assert.Equal(garbage.Length, decoder.GarbageBytes);
    }

    [Fact]
    public void A_partial_record_left_at_a_reset_counts_as_garbage()
    {
        var decoder = new InputEventDecoder();
        var decoded = new List<InputEvent>();

        decoder.Feed(KeyScript.Encode(Script).AsSpan(0, InputEvent.Size + 10), decoded.Add);
        decoder.Reset();

        Assert.Single(decoded);
        Assert.Equal(10, decoder.GarbageBytes);
        Assert.Equal(0, decoder.Pending);
    }
}
