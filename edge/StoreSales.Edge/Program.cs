using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.Edge.Commands;
using Microsoft.Extensions.Options;

namespace StoreSales.Edge;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Verbs: run (default), decode, ports, doctor, rejected. Everything after the verb is the verb's.
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
                return await DecodeCommand.Run(rest, configuration, Console.In, Console.Out, Console.Error, TimeProvider.System);
            case "ports":
                return await PortsCommand.Run(Console.Out);
            case "doctor":
                using (var host = EdgeAgentHost.Build(rest))
                {
                    return await DoctorCommand.Run(host.Services, Console.Out, CancellationToken.None);
                }

            case "rejected":
                // Configuration arguments (--Agent:OutboxPath=…) find the outbox; the others are the command's.
                var settings = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal)).ToArray();
                using (var host = EdgeAgentHost.Build(settings))
                {
                    // Only the outbox path is needed: the command works on a PC whose other settings are broken.
                    var path = Path.Combine(
                        host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath,
                        host.Services.GetRequiredService<IConfiguration>()["Agent:OutboxPath"] is { Length: > 0 } configured ? configured : "outbox.db");
                    if (!File.Exists(path))
                    {
                        await Console.Error.WriteLineAsync($"no outbox at {path} (Agent:OutboxPath)");
                        return 1;
                    }

                    using var outbox = new Outbox.SqliteOutbox(path);
                    return await RejectedCommand.Run([.. rest.Except(settings)], outbox, Console.Out, Console.Error);
                }

            default:
                await Console.Error.WriteLineAsync($"unknown command '{verb}'. Commands: run (default), decode, ports, doctor, rejected.");
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
