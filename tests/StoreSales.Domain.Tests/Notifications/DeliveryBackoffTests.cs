using StoreSales.Domain.Notifications;

namespace StoreSales.Domain.Tests.Notifications;

public sealed class DeliveryBackoffTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-05T10:00:00Z");

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1800)] // capped at the longest wait
    [InlineData(9, 1800)]
    public void The_wait_doubles_up_to_its_cap(int attempts, int seconds) =>
        Assert.Equal(Now + TimeSpan.FromSeconds(seconds), DeliveryBackoff.NextTry(attempts, Now, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), maxAttempts: 10));

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void After_the_last_round_it_is_given_up(int attempts) =>
        Assert.Null(DeliveryBackoff.NextTry(attempts, Now, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), maxAttempts: 10));
}
