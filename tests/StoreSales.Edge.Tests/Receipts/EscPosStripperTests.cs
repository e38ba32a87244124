using System.Text;
using StoreSales.Edge.Devices.Receipts;

namespace StoreSales.Edge.Tests.Receipts;

public sealed class EscPosStripperTests
{
    /// <summary>Records what the stripper hands on: text with LF for line ends, '✂' for cuts, ⟨tN⟩ / ⟨zh⟩ / ⟨/zh⟩ for modes.</summary>
    private sealed class Recorder : IEscPosOutput
    {
        private readonly List<byte> _text = [];
        public readonly StringBuilder Events = new();

        public void Text(byte value) => _text.Add(value);

        public void LineFeed() => _text.Add((byte)'\n');

        public void Cut() => Mark("✂");

        public void CodeTable(int table) => Mark($"⟨t{table}⟩");

        public void ChineseMode(bool on) => Mark(on ? "⟨zh⟩" : "⟨/zh⟩");

        private void Mark(string mark)
        {
            Flush();
            Events.Append(mark);
        }

        public string Output()
        {
            Flush();
            return Events.ToString();
        }

        private void Flush()
        {
            Events.Append(Encoding.UTF8.GetString([.. _text]));
            _text.Clear();
        }
    }

    private static (string Output, EscPosStripper Stripper) Strip(byte[] bytes, int chunk = int.MaxValue)
    {
        var recorder = new Recorder();
        var stripper = new EscPosStripper(recorder);
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            stripper.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        }

        return (recorder.Output(), stripper);
    }

    [Fact]
    public void Formatting_commands_go_and_text_and_line_feeds_stay()
    {
        var bytes = new EscPos()
            .Init().Align(1).Size(0x11).Line("SHOP").Size(0).Align(0)
            .Raw(0x1B, (byte)'!', 0x08).Text("bold").Raw(0x1B, (byte)'!', 0).Raw(0x1B, (byte)'-', 1).Text(" under").Raw(0x1B, (byte)'-', 0).Text("\r\n")
            .Bold(true).Line("TOTAL 9.90").Bold(false)
            .Raw(0x1B, (byte)'$', 10, 0).Raw(0x1D, (byte)'L', 0, 0).Raw(0x1D, (byte)'B', 1).Text("rev").Raw(0x1D, (byte)'B', 0).Line("")
            .Raw(0x1B, (byte)'D', 8, 16, 24, 0).Text("a\tb").Line("")
            .DrawerKick().StatusQuery().Raw(0x10, 0x04, 7, 1).Raw(0x10, 0x14, 8, 1, 3, 20, 1, 6, 2, 8)
            .Feed(3).Cut()
            .ToArray();

        var (output, stripper) = Strip(bytes);

        Assert.Equal("⟨t0⟩SHOP\nbold under\nTOTAL 9.90\nrev\na\tb\n\n✂", output);
        Assert.Equal(0, stripper.UnknownCommands);
        Assert.Equal(1, stripper.Cuts);
    }

    [Fact]
    public void Image_bar_code_and_qr_data_is_skipped_by_its_length_even_when_it_holds_line_feeds_and_escapes()
    {
        var bytes = new EscPos()
            .Line("before")
            .Raster(widthBytes: 48, height: 20, i => (byte)(i % 3 == 0 ? 0x0A : i % 3 == 1 ? 0x1B : 0x41))
            .Raw(0x1B, (byte)'*', 33, 4, 0).Raw(Enumerable.Repeat((byte)0x0A, 12).ToArray())              // 24-dot bit image, 4 columns
            .Raw(0x1D, (byte)'*', 1, 1).Raw(Enumerable.Repeat((byte)'X', 8).ToArray())                       // downloaded bit image
            .Raw(0x1D, (byte)'8', (byte)'L', 4, 0, 0, 0, 0x30, 0x70, 0x0A, 0x0A)                             // large graphics
            .Raw(0x1B, (byte)'&', 3, 65, 66, 2, 1, 2, 3, 4, 5, 6, 1, 7, 8, 9)                                // two user-defined characters
            .Raw(0x1D, (byte)'k', 4).Text("12345").Raw(0)                                                   // CODE39, NUL-terminated
            .Code128("R-0042")
            .QrCode("https://fp.example.cn/inv?no=0042\n")
            .Raw(0x1C, (byte)'(', (byte)'A', 2, 0, 48, 0x0A)
            .Line("after")
            .ToArray();

        var (output, stripper) = Strip(bytes);

        Assert.Equal("before\nafter\n", output);
        Assert.Equal(0, stripper.UnknownCommands);
        Assert.True(stripper.SkippedDataBytes >= 48 * 20);
    }

    [Fact]
    public void Every_cut_form_is_reported()
    {
        var bytes = new EscPos()
            .Line("a").Raw(0x1D, (byte)'V', 0)
            .Line("b").Raw(0x1D, (byte)'V', 49)
            .Line("c").Raw(0x1D, (byte)'V', 65, 3)
            .Line("d").Raw(0x1D, (byte)'V', 104, 0)
            .Line("e").Raw(0x1B, (byte)'i')
            .Line("f").Raw(0x1B, (byte)'m')
            .ToArray();

        var (output, stripper) = Strip(bytes);

        Assert.Equal("a\n✂b\n✂c\n✂d\n✂e\n✂f\n✂", output);
        Assert.Equal(6, stripper.Cuts);
    }

    [Fact]
    public void Code_tables_and_chinese_mode_are_reported_in_place()
    {
        var bytes = new EscPos().Init().CodeTable(16).Text("x").ChineseOn().Text("y").ChineseOff().ToArray();

        Assert.Equal("⟨t0⟩⟨t16⟩x⟨zh⟩y⟨/zh⟩", Strip(bytes).Output);
    }

    [Fact]
    public void Unknown_commands_lose_their_command_byte_only_and_are_counted()
    {
        // ESC 0x7E and GS 0x7E are no ESC/POS commands; a lone ESC before LF; stray BEL and DEL.
        var bytes = new EscPos().Text("a").Raw(0x1B, 0x7E).Text("b").Raw(0x1D, 0x7E).Text("c").Raw(0x1B).Line("").Raw(0x07, 0x7F).Line("d").ToArray();

        var (output, stripper) = Strip(bytes);

        Assert.Equal("abc\nd\n", output);
        Assert.Equal(5, stripper.UnknownCommands);
    }

    [Fact]
    public void A_length_no_receipt_image_could_have_is_taken_as_corruption_not_skipped()
    {
        // GS v 0 declaring 65535 × 65535 bytes would swallow everything that follows.
        var bytes = new EscPos().Raw(0x1D, (byte)'v', (byte)'0', 0, 0xFF, 0xFF, 0xFF, 0xFF).Line("TOTAL 1.00").Cut().ToArray();

        var (output, stripper) = Strip(bytes);

        Assert.Equal("TOTAL 1.00\n✂", output);
        Assert.Equal(1, stripper.UnknownCommands);
    }

    [Fact]
    public void Commands_split_across_reads_strip_the_same_as_whole()
    {
        var bytes = new EscPos()
            .Init().Line("head").Raster(8, 3, i => (byte)i).QrCode("xyz").Raw(0x1D, (byte)'V', 66, 2).Line("next").CodeTable(2).Text("é").Cut()
            .ToArray();

        var whole = Strip(bytes).Output;
        for (var chunk = 1; chunk <= 7; chunk++)
        {
            Assert.Equal(whole, Strip(bytes, chunk).Output);
        }
    }

    [Fact]
    public void Multi_byte_text_passes_through_untouched()
    {
        var gb = EscPos.Gb18030;
        var text = "收银员:0107 𠮷野家 合计:51.58";
        var bytes = new EscPos(gb).ChineseOn().Bold(true).Line(text).ToArray();

        var recorder = new List<byte>();
        var sink = new ByteSink(recorder);
        new EscPosStripper(sink).Feed(bytes);

        Assert.Equal(text + "\n", gb.GetString([.. recorder]));
    }

    private sealed class ByteSink(List<byte> bytes) : IEscPosOutput
    {
        public void Text(byte value) => bytes.Add(value);

        public void LineFeed() => bytes.Add(0x0A);

        public void Cut()
        {
        }

        public void CodeTable(int table)
        {
        }

        public void ChineseMode(bool on)
        {
        }
    }
}
