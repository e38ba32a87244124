using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.ServiceDefaults.Limits;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>Limits is bound strictly and checked at start for both hosts, each failure in words; both appsettings state the defaults.</summary>
public sealed class RequestLimitOptionsTests
{
    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build();
        using var services = Services(configuration);

        Assert.Equal(Shape(new RequestLimitOptions()), Shape(services.GetRequiredService<IOptions<RequestLimitOptions>>().Value));
    }

    [Theory]
    [InlineData("Limits:StoreRequestsPerWindow", "0", "StoreRequestsPerWindow and PersonRequestsPerWindow must be at least 1")]
    [InlineData("Limits:PersonWindow", "00:00:00.500", "must be between 1 s and 01:00:00")]
    [InlineData("Limits:StoreWindow", "2.00:00:00", "must be between 1 s and 01:00:00")]
    [InlineData("Limits:MaxBodyBytes", "100", "must be at least 1024 bytes")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string rule)
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RequestLimitOptions>>().Value);
        Assert.Contains(rule, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Limits:StoreRequestsPerMinute"] = "10" }).Build());

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<RequestLimitOptions>>().Value);
        Assert.Contains("StoreRequestsPerMinute", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_endpoint_kind_has_its_own_size_and_key()
    {
        var options = new RequestLimitOptions { MaxIngestBodyBytes = 3000, MaxFileUploadBytes = 4000, MaxBodyBytes = 2000 };

        Assert.Equal((3000L, "Limits:MaxIngestBodyBytes"), options.BodyLimit(BodySizeKind.Ingest));
        Assert.Equal((4000L, "Limits:MaxFileUploadBytes"), options.BodyLimit(BodySizeKind.FileUpload));
        Assert.Equal((2000L, "Limits:MaxBodyBytes"), options.BodyLimit(BodySizeKind.Other));
    }

    private static ServiceProvider Services(IConfiguration configuration) =>
        new ServiceCollection()
            .AddSingleton(configuration)
            .AddRequestLimits((_, _) => null)
            .BuildServiceProvider();

    private static object Shape(RequestLimitOptions o) =>
        (o.StoreRequestsPerWindow, o.StoreWindow, o.PersonRequestsPerWindow, o.PersonWindow, o.MaxIngestBodyBytes, o.MaxFileUploadBytes, o.MaxBodyBytes);
}
