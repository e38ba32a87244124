using StoreSales.Domain.Sales;

namespace StoreSales.Domain.Tests;

public sealed class TerminalEpochTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(0, 4_294_967_295, 4_294_967_295)]
    [InlineData(1, 1, 4_294_967_297)]
    [InlineData(220_000_000, 7, 944_892_805_120_000_007)]
    [InlineData(2_147_483_647, 4_294_967_295, long.MaxValue)]
    public void A_sequence_is_its_epoch_and_its_number(long epoch, long number, long sequence)
    {
        Assert.Equal(sequence, TerminalEpoch.Sequence(epoch, number));
        Assert.Equal(epoch, TerminalEpoch.Of(sequence));
        Assert.Equal(number, TerminalEpoch.NumberOf(sequence));
    }

    [Fact]
    public void A_later_install_has_a_later_epoch_and_each_second_its_own()
    {
        var first = TerminalEpoch.At(new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.Zero));
        var reinstalled = TerminalEpoch.At(new DateTimeOffset(2026, 12, 5, 22, 0, 1, TimeSpan.Zero));

        Assert.True(reinstalled > first);
        Assert.True(TerminalEpoch.Sequence(reinstalled, 1) > TerminalEpoch.Sequence(first, 4_294_967_295));
        Assert.Equal(1, TerminalEpoch.At(TerminalEpoch.Origin.AddSeconds(1)));
    }

    [Theory]
    [InlineData("2019-12-31T23:59:59Z")]
    [InlineData("2020-01-01T00:00:00Z")]
    [InlineData("2090-01-01T00:00:00Z")]
    public void A_clock_outside_the_epochs_is_refused_rather_than_risking_an_epoch_used_before(string clock)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminalEpoch.At(DateTimeOffset.Parse(clock, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 4_294_967_296)]
    [InlineData(-1, 1)]
    [InlineData(2_147_483_648, 1)]
    public void Numbers_and_epochs_outside_their_bits_are_refused(long epoch, long number)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminalEpoch.Sequence(epoch, number));
    }

    [Theory]
    [InlineData(42, "42")]
    [InlineData(4_294_967_297, "1 (epoch 1)")]
    public void A_sequence_reads_as_its_number_and_epoch(long sequence, string text)
    {
        Assert.Equal(text, TerminalEpoch.Describe(sequence));
    }
}
