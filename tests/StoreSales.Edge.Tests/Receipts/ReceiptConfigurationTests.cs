using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Devices;
using StoreSales.Edge.Devices.Receipts;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Receipts;

public sealed class ReceiptConfigurationTests
{
    [Theory]
    [InlineData("simulator")]
    [InlineData("zh-supermarket")]
    public void The_shipped_profiles_are_beside_the_agent_and_compile(string name)
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, ReceiptProfiles.FolderName, name + ".json")));
        Assert.Equal(name, TestProfiles.Load(name).Name);
    }

    [Fact]
    public async Task Receipt_problems_are_named_by_their_key()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ReceiptPort"] = "/dev/ttyR0";
        settings["Terminals:0:Receipt:Profile"] = "no-such-profile";
        settings["Terminals:1:TerminalId"] = "T02";
        settings["Terminals:1:TillPort"] = "/dev/ttyT1";
        settings["Terminals:1:ReceiptPort"] = "/dev/ttyR0";
        settings["Terminals:1:Receipt:Inline:Item"] = "^(?<name>.+) (?<quantity>\\d+) (?<amount>[\\d.]+)$";
        settings["Terminals:1:Receipt:Inline:Total"] = "TOTAL (";
        settings["Terminals:1:Receipt:TimeZone"] = "Mars/Olympus_Mons";
        settings["Terminals:2:TerminalId"] = "T03";
        settings["Terminals:2:ReceiptPort"] = "/dev/ttyR3";
        settings["Terminals:2:ReceiptPassThroughPort"] = "/dev/ttyR3";
        settings["Terminals:2:Receipt:Profile"] = "zh-supermarket";
        settings["Terminals:2:Receipt:Inline:Encoding"] = "klingon-8";
        settings["Terminals:3:TerminalId"] = "T04";
        settings["Terminals:3:ReceiptPort"] = "/dev/ttyR4";

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Terminals:0:Receipt:Profile 'no-such-profile' not found", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:1:ReceiptPort: a terminal's sales come from its TillPort or from its ReceiptPort, not both", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:1:ReceiptPort '/dev/ttyR0' is already used by Terminals:0:ReceiptPort", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:1:Receipt:Inline:Item: needs a group named 'price'", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:1:Receipt:Inline:Total: not a valid regular expression", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:1:Receipt:TimeZone 'Mars/Olympus_Mons' is not a time zone", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:2:ReceiptPassThroughPort '/dev/ttyR3' is already used by Terminals:2:ReceiptPort", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:2:Receipt:Inline:Encoding: unknown encoding 'klingon-8'", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:3:Receipt:Profile is required with a ReceiptPort", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Terminals:0:TillPort", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_receipt_key_is_an_error()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ReceiptPort"] = "/dev/ttyR0";
        settings["Terminals:0:Receipt:Profile"] = "simulator";
        settings["Terminals:0:Receipt:Inline:Totl"] = "^TOTAL (?<total>.+)$";

        using var host = TestAgent.Build(settings);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        // The binder names the key in an inner exception of its "binding has failed" error.
        var messages = string.Join(" | ", Chain(ex).Select(e => e.Message));
        Assert.Contains("Totl", messages, StringComparison.Ordinal);

        static IEnumerable<Exception> Chain(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                yield return e;
            }
        }
    }

    [Fact]
    public void A_receipt_terminal_gets_a_receipt_adapter_with_its_profile_inline_overrides_and_no_till_adapter()
    {
        using var dir = new TempDirectory();
        var profileFile = dir.File("my-pos.json");
        File.WriteAllText(profileFile, """
            {
              // a profile of one's own, next to appsettings.json or anywhere
              "encoding": "windows-1252",
              "item": "^(?<name>.+?) (?<quantity>\\d+) x (?<price>[\\d.]+) (?<amount>[\\d.]+)$",
              "total": "^TOTAL (?<total>[\\d.]+)$",
            }
            """);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ReceiptPort"] = dir.File("receipt-agent");
        settings["Terminals:0:Receipt:Profile"] = profileFile;
        settings["Terminals:0:Receipt:Inline:Encoding"] = "utf-8";
        settings["Terminals:0:Receipt:Inline:TenderMethods:EC"] = "card";

        using var host = TestAgent.Build(settings);
        EdgeAgentHost.ValidateConfiguration(host.Services);
        var adapter = Assert.IsType<ReceiptAdapter>(Assert.Single(host.Services.GetRequiredService<DeviceRegistry>().Adapters));

        Assert.Equal(("T01", "receipt", dir.File("receipt-agent")), (adapter.TerminalId, adapter.Kind, adapter.Source));
        Assert.Equal("my-pos", adapter.Profile.Name);
        Assert.Equal(65001, adapter.Profile.Encoding.CodePage);
        Assert.Equal("card", adapter.Profile.TenderMethods["ec"]);
        Assert.Null(adapter.PassThroughPort);
    }
}
