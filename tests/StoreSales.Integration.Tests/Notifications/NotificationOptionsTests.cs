using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Notifications;
using StoreSales.Data;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Notifications;

/// <summary>
/// The <c>Notifications</c> settings as the command center binds them: the stated defaults, a channel switched on without
/// its secret refused at start, a misspelt key refused, and how the admin page masks a secret.
/// </summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public void The_command_center_s_appsettings_state_the_defaults()
    {
        var bound = Bind(new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "src/StoreSales.CommandCenter/appsettings.json")).Build());
        var defaults = new NotificationOptions();

        Assert.Equal(defaults.PublicBaseUrl, bound.PublicBaseUrl);
        Assert.Equal((defaults.Digest.Threshold, defaults.Digest.Window), (bound.Digest.Threshold, bound.Digest.Window));
        Assert.Equal(
            (defaults.Delivery.AttemptsPerRound, defaults.Delivery.RetryDelay, defaults.Delivery.SendTimeout, defaults.Delivery.FirstRoundDelay, defaults.Delivery.MaxRoundDelay, defaults.Delivery.MaxRounds),
            (bound.Delivery.AttemptsPerRound, bound.Delivery.RetryDelay, bound.Delivery.SendTimeout, bound.Delivery.FirstRoundDelay, bound.Delivery.MaxRoundDelay, bound.Delivery.MaxRounds));
        Assert.Equal((defaults.Dispatcher.Enabled, defaults.Dispatcher.BatchSize, defaults.Dispatcher.PollInterval), (bound.Dispatcher.Enabled, bound.Dispatcher.BatchSize, bound.Dispatcher.PollInterval));
        Assert.False(bound.Channels.WeComRobot.Enabled || bound.Channels.WeComApp.Enabled || bound.Channels.DingTalk.Enabled || bound.Channels.Email.Enabled);
    }

    [Theory]
    [InlineData("Notifications:Channels:WeComRobot:Enabled", "true", "WeComRobot is enabled but names no robot")]
    [InlineData("Notifications:Channels:WeComApp:Enabled", "true", "WeComApp is enabled without its CorpId")]
    [InlineData("Notifications:Channels:DingTalk:Enabled", "true", "DingTalk is enabled but names no robot")]
    [InlineData("Notifications:Channels:Email:Enabled", "true", "Email is enabled without its Host")]
    [InlineData("Notifications:Digest:Window", "48:00:00", "Notifications:Digest:Window must be between 0 and 1 day")]
    [InlineData("Notifications:Digest:Threshold", "0", "Notifications:Digest:Threshold must be at least 1")]
    [InlineData("Notifications:PublicBaseUrl", "sales.chain.example", "Notifications:PublicBaseUrl must be an absolute http(s) address")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dingtalk_robot_without_its_signing_secret_is_refused()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?>
        {
            ["Notifications:Channels:DingTalk:Enabled"] = "true",
            ["Notifications:Channels:DingTalk:Robots:east:AccessToken"] = "token",
        }));

        Assert.Contains("DingTalk:Robots:east needs both its AccessToken and its Secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_an_error_not_a_silent_default() =>
        Assert.Throws<InvalidOperationException>(() => Bind(new Dictionary<string, string?> { ["Notifications:Digest:Treshold"] = "3" }));

    [Theory]
    [InlineData("", "")]
    [InlineData("short", "••••••")]
    [InlineData("robot-key-7f3a9c1e", "••••••1e")]
    public void A_secret_is_shown_masked(string secret, string shown) =>
        Assert.Equal(shown, SecretMask.Mask(secret));

    private static NotificationOptions Bind(Dictionary<string, string?> settings) =>
        Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static NotificationOptions Bind(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddSingleton(configuration)
            .AddValidatedOptions<NotificationOptions>(NotificationOptions.SectionName, o => o.Validate()).Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<NotificationOptions>>().Value;
    }
}
