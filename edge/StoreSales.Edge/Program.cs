using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoreSales.Edge;

public static class Program
{
    public static async Task<int> Main(string[] args)
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
