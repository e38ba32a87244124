using System.Text;
using StoreSales.Edge.Devices.Receipts;

namespace StoreSales.Edge.Tests.Receipts;

public sealed class ReceiptReaderTests
{
    private static List<ReceiptDocument> Read(CompiledReceiptProfile profile, byte[] bytes, int chunk = int.MaxValue, bool complete = false)
    {
        var reader = new ReceiptReader(profile);
        var documents = new List<ReceiptDocument>();
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            reader.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), documents);
        }

        if (complete)
        {
            reader.Complete(documents);
        }

        return documents;
    }

    [Fact]
    public void Cuts_split_receipts_and_each_keeps_exactly_its_raw_bytes()
    {
        var first = new EscPos().Init().Line("No. A1").Line("Tea 1 x 3.50 3.50").Line("TOTAL 3.50").Feed(3).Cut().ToArray();
        var second = new EscPos().Init().Bold(true).Line("No. A2").Bold(false).Line("Cola 2 x 3.00 6.00").Line("TOTAL 6.00").CutShort().ToArray();
        var kickOnly = new EscPos().DrawerKick().Cut().ToArray(); // opens the drawer between receipts: no document

        for (var chunk = 1; chunk <= 64; chunk *= 4)
        {
            var documents = Read(TestProfiles.Compile(TestProfiles.Plain()), [.. first, .. kickOnly, .. second], chunk);

            Assert.Equal(2, documents.Count);
            Assert.Equal(first, documents[0].Raw);
            Assert.Equal(["No. A1", "Tea 1 x 3.50 3.50", "TOTAL 3.50", ""], documents[0].Lines);
            Assert.Equal(ReceiptEnd.Cut, documents[0].End);
            Assert.Equal(second, documents[1].Raw);
            Assert.Equal("No. A2\nCola 2 x 3.00 6.00\nTOTAL 6.00", documents[1].Text);
        }
    }

    [Fact]
    public void Without_a_cutter_start_and_end_markers_delimit_receipts_and_text_between_is_outside()
    {
        var profile = TestProfiles.Compile(TestProfiles.Plain().With(new ReceiptProfile { StartMarker = "^=== SHOP ===$", EndMarker = "^Thank you$" }));
        var bytes = new EscPos()
            .Lines("X-REPORT shift 3", "cash in drawer 120.00")            // a report before any receipt
            .Lines("=== SHOP ===", "No. B1", "Tea 1 x 3.50 3.50", "TOTAL 3.50", "Thank you")
            .Lines("", "=== SHOP ===", "No. B2", "Cola 1 x 3.00 3.00")       // never ended: the next start closes it
            .Lines("=== SHOP ===", "No. B3", "Cola 1 x 3.00 3.00", "TOTAL 3.00", "Thank you")
            .ToArray();

        var documents = Read(profile, bytes);

        Assert.Collection(
            documents,
            d => Assert.Equal((false, ReceiptEnd.NextStart, "X-REPORT shift 3\ncash in drawer 120.00"), (d.InReceipt, d.End, d.Text)),
            d => Assert.Equal((true, ReceiptEnd.EndMarker, "=== SHOP ===\nNo. B1\nTea 1 x 3.50 3.50\nTOTAL 3.50\nThank you"), (d.InReceipt, d.End, d.Text)),
            d => Assert.Equal((true, ReceiptEnd.NextStart, "=== SHOP ===\nNo. B2\nCola 1 x 3.00 3.00"), (d.InReceipt, d.End, d.Text)),
            d => Assert.Equal((true, ReceiptEnd.EndMarker, "=== SHOP ===\nNo. B3\nCola 1 x 3.00 3.00\nTOTAL 3.00\nThank you"), (d.InReceipt, d.End, d.Text)));
        Assert.Equal(bytes.Length, documents.Sum(d => d.Raw.Length)); // the blank line after B1's end goes with B2
    }

    [Fact]
    public void Code_table_selection_decodes_each_run_with_its_table()
    {
        var profile = TestProfiles.Compile(new ReceiptProfile
        {
            Encoding = "ibm437",
            CodeTables = new() { ["16"] = "windows-1252", ["17"] = "ibm866", ["0"] = "cp437" },
            Item = TestProfiles.Plain().Item,
            Total = TestProfiles.Plain().Total,
        });
        var w1252 = ReceiptEncodings.Get("windows-1252");
        var cp866 = ReceiptEncodings.Get("ibm866");
        var cp437 = ReceiptEncodings.Get("ibm437");
        var bytes = new EscPos(cp437)
            .Line("Caf\u00e9 ½")                                                  // table 0 (PC437): é is 0x82, ½ is 0xAB
            .CodeTable(16).Using(w1252).Line("Caf\u00e9 cr\u00e8me 1 x 2.50 2.50") // WPC1252: é is 0xE9
            .CodeTable(17).Using(cp866).Text("Чай ").CodeTable(16).Using(w1252).Line("\u00e0 la menthe")
            .Init().Using(cp437).Line("\u00e9t\u00e9")                             // ESC @: back to table 0
            .Cut()
            .ToArray();

        var document = Assert.Single(Read(profile, bytes));

        Assert.Equal(["Café ½", "Café crème 1 x 2.50 2.50", "Чай à la menthe", "été"], document.Lines);
        Assert.Equal(0, document.UndecodableCharacters);
    }

    [Fact]
    public void Chinese_mode_decodes_with_the_profile_encoding_whatever_the_code_table()
    {
        var profile = TestProfiles.Compile(new ReceiptProfile
        {
            Encoding = "gb18030",
            CodeTables = new() { ["16"] = "windows-1252" },
            Item = TestProfiles.Plain().Item,
            Total = TestProfiles.Plain().Total,
        });
        var bytes = new EscPos(ReceiptEncodings.Get("windows-1252")).CodeTable(16).Line("cr\u00e8me")
            .ChineseOn().Using(EscPos.Gb18030).Line("农夫山泉 𠮷").ChineseOff()
            .Cut().ToArray();

        Assert.Equal(["crème", "农夫山泉 𠮷"], Assert.Single(Read(profile, bytes)).Lines);
    }

    [Fact]
    public void Bytes_the_encoding_cannot_read_are_counted()
    {
        var profile = TestProfiles.Compile(TestProfiles.Plain());
        var bytes = new EscPos().Text("ok ").Raw(0xFF, 0xFE).Line(" end").Cut().ToArray();

        var document = Assert.Single(Read(profile, bytes));

        Assert.Equal(2, document.UndecodableCharacters);
        Assert.Equal("ok \uFFFD\uFFFD end", document.Text);
    }

    [Fact]
    public void A_document_without_an_end_is_closed_when_too_long_and_at_the_end_of_the_stream()
    {
        var profile = TestProfiles.Compile(TestProfiles.Plain());
        var line = Encoding.ASCII.GetBytes(new string('z', 999) + "\n");
        var bytes = Enumerable.Range(0, (ReceiptReader.MaxDocumentBytes / line.Length) + 10).SelectMany(_ => line).ToArray();

        var documents = Read(profile, bytes, chunk: 4096, complete: true);

        Assert.Equal(2, documents.Count);
        Assert.Equal(ReceiptEnd.Overlong, documents[0].End);
        Assert.Equal(ReceiptReader.MaxDocumentBytes, documents[0].Raw.Length);
        Assert.Equal(ReceiptEnd.EndOfStream, documents[1].End);
        Assert.Equal(bytes.Length, documents.Sum(d => d.Raw.Length));
    }
}
