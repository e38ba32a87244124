using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Commands;
using Microsoft.Extensions.Options;

namespace StoreSales.Edge;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Verbs: run (default), decode, ports, doctor. Everything after the verb is the verb's.
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = verb == "run" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        switch (verb)
        {
            case "run":
                return await RunAgent(rest);
            case "decode":
                var configuration = new ConfigurationBuilder()
                    .SetBasePath(AppContext.BaseDirectory)
                    .AddJsonFile("appsettings.json", optional: true)
                    .AddEnvironmentVariables()
                    .Build();
                var options = configuration.GetSection(ScanDecoderOptions.SectionName).Get<ScanDecoderOptions>() ?? new ScanDecoderOptions();
                return await DecodeCommand.Run(rest, options, Console.In, Console.Out, Console.Error, TimeProvider.System);
            case "ports":
                return await PortsCommand.Run(Console.Out);
            case "doctor":
                using (var host = EdgeAgentHost.Build(rest))
                {
                    return await DoctorCommand.Run(host.Services, Console.Out, CancellationToken.None);
                }

            default:
                await Console.Error.WriteLineAsync($"unknown command '{verb}'. Commands: run (default), decode, ports, doctor.");
                return 64;
        }
    }

    private static async Task<int> RunAgent(string[] args)
    {
        using var host = EdgeAgentHost.Build(args);
        try
        {
            EdgeAgentHost.ValidateConfiguration(host.Services);
            await host.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("StoreSales edge agent: configuration errors:");
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"  {failure}");
            }

            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            // Binding errors: a value of the wrong type or an unknown key, named by the binder.
            await Console.Error.WriteLineAsync($"StoreSales edge agent: configuration error: {ex.Message}");
            return 2;
        }
    }
}
