using StoreSales.Edge.Devices.Receipts;

namespace StoreSales.Edge.Tests.Receipts;

internal static class TestProfiles
{
    /// <summary>A shipped profile (copied beside the test binaries), optionally with inline overrides.</summary>
    public static CompiledReceiptProfile Load(string name, string? timeZone = null, ReceiptProfile? inline = null)
    {
        var errors = new List<string>();
        var profile = ReceiptProfiles.TryLoad(new ReceiptOptions { Profile = name, TimeZone = timeZone, Inline = inline }, AppContext.BaseDirectory, errors);
        Assert.True(profile is not null, string.Join("\n", errors));
        return profile!;
    }

    public static CompiledReceiptProfile Compile(ReceiptProfile profile, string? timeZone = "+08:00")
    {
        var errors = new List<string>();
        var compiled = ReceiptProfiles.TryCompile(profile, timeZone, errors);
        Assert.True(compiled is not null, string.Join("\n", errors));
        return compiled!;
    }

    /// <summary>A small hand-written profile: "ITEM code qty price amount" lines, "TOTAL x", "PAID method x".</summary>
    public static ReceiptProfile Plain(string encoding = "utf-8") => new()
    {
        Name = "plain",
        Encoding = encoding,
        ReceiptNumber = @"^No\.\s*(?<receipt>\S+)",
        Item = @"^(?<name>.+?)\s+(?<quantity>-?\d+(?:\.\d+)?)\s*x\s*(?<price>\d+\.\d{2})\s+(?<amount>-?\d+\.\d{2})$",
        Discount = @"^\s+less\s+(?<amount>\d+\.\d{2})$",
        Total = @"^TOTAL\s+(?<total>-?\d+\.\d{2})$",
        Tender = @"^PAID\s+(?<method>\S+)\s+(?<amount>-?\d+\.\d{2})$",
        Change = @"^CHANGE\s+(?<amount>\d+\.\d{2})$",
    };

    /// <summary>Feeds <paramref name="bytes"/> to a fresh capture and returns every finished receipt.</summary>
    public static List<CapturedReceipt> Capture(CompiledReceiptProfile profile, byte[] bytes, bool complete = false)
    {
        var capture = new ReceiptCapture(profile, "T01", TimeProvider.System);
        var receipts = new List<CapturedReceipt>();
        capture.Feed(bytes, receipts);
        if (complete)
        {
            capture.Complete(receipts);
        }

        return receipts;
    }
}
