using Microsoft.Extensions.Options;
using StoreSales.Data.Demo;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>
/// With <c>Demo:SeedQuotes</c> on (deploy/local/up.sh), seeds the demo's quotes in each discount tier at start
/// (<see cref="DemoQuotes"/>). Here rather than in the silo's seeding because a quote's verification code needs the
/// command center's <c>Quotes:VerificationKey</c>.
/// </summary>
public sealed class DemoQuoteSeeding(DemoQuotes quotes, IOptions<DemoOptions> options, ILogger<DemoQuoteSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedQuotes)
        {
            var made = await quotes.Seed(cancellationToken);
            logger.LogInformation("Demo quotes seeded ({Made} made)", made);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
