using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Domain.Tests.SalesForce.Quotes;

/// <summary>
/// The verification code's tamper test: a code issued for a version verifies; a code with one character changed, a code
/// for another version, a made-up code, and a version whose stored figures were changed after issue each say so.
/// </summary>
public sealed class QuoteSealTests
{
    private const string Key = "test-verification-key-0123456789abcdef";

    private static readonly QuoteSealContent Version2 = new(
        "Q-2026-000042", 2, "cust-east-0001", "上海瑞康医疗器械有限公司", "CNY", new DateOnly(2026, 12, 31),
        QuoteTotals.Of([new QuoteLineInput("690001", "血糖仪", 10, 299.00m, 25m)]).Lines, 2990.00m, 2242.50m,
        new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));

    private static string Issued => QuoteSeal.Code(Key, Version2.QuoteNumber, Version2.Version, QuoteSeal.Content(Version2));

    [Fact]
    public void The_issued_code_names_the_quote_and_version_and_verifies()
    {
        Assert.StartsWith("Q-2026-000042-2-", Issued, StringComparison.Ordinal);
        Assert.Equal("Q-2026-000042-2-".Length + 32, Issued.Length);
        Assert.Equal(QuoteVerdict.Verified, QuoteSeal.Verify(Key, Issued, Version2, Issued));
    }

    [Fact]
    public void One_character_changed_in_the_check_reads_as_an_altered_code()
    {
        var last = Issued[^1];
        var altered = Issued[..^1] + (last == '0' ? '1' : '0');

        Assert.Equal(QuoteVerdict.AlteredCode, QuoteSeal.Verify(Key, altered, Version2, Issued));
    }

    [Fact]
    public void A_code_moved_to_another_version_or_made_up_is_unknown()
    {
        var otherVersion = Issued.Replace("-2-", "-3-", StringComparison.Ordinal);

        Assert.Equal(QuoteVerdict.Unknown, QuoteSeal.Verify(Key, otherVersion, Version2, Issued));
        Assert.Equal(QuoteVerdict.Unknown, QuoteSeal.Verify(Key, "Q-2026-000042-2-not-a-code", Version2, Issued));
        Assert.Equal(QuoteVerdict.Unknown, QuoteSeal.Verify(Key, Issued, null, null));
    }

    [Fact]
    public void A_version_whose_stored_total_was_changed_after_issue_reads_as_an_altered_record()
    {
        var tampered = Version2 with { NetTotal = 1990.00m };

        Assert.Equal(QuoteVerdict.AlteredRecord, QuoteSeal.Verify(Key, Issued, tampered, Issued));
        Assert.NotEqual(QuoteSeal.Hex(QuoteSeal.DocumentHash(QuoteSeal.Content(Version2))), QuoteSeal.Hex(QuoteSeal.DocumentHash(QuoteSeal.Content(tampered))));
    }

    [Fact]
    public void Another_key_cannot_make_a_code_that_verifies()
    {
        var forged = QuoteSeal.Code("someone-elses-key-0123456789abcdefgh", Version2.QuoteNumber, Version2.Version, QuoteSeal.Content(Version2));

        Assert.NotEqual(Issued, forged);
        Assert.Equal(QuoteVerdict.AlteredCode, QuoteSeal.Verify(Key, forged, Version2, Issued));
    }

    [Theory]
    [InlineData("Q-2026-000042-2-0123456789abcdef0123456789abcdef", true, "Q-2026-000042", 2)]
    [InlineData("Q-2026-000042-0-0123456789abcdef0123456789abcdef", false, "", 0)]   // version 0 does not exist
    [InlineData("Q-2026-000042-2-0123456789ABCDEF0123456789ABCDEF", false, "", 0)]   // codes are lower-case hex
    [InlineData("Q-2026-000042-2-0123", false, "", 0)]
    [InlineData("", false, "", 0)]
    public void A_code_parses_into_its_quote_number_and_version(string code, bool parses, string number, int version)
    {
        Assert.Equal(parses, QuoteSeal.TryParse(code, out var n, out var v));
        Assert.Equal(number, n);
        Assert.Equal(version, v);
    }

    [Fact]
    public void The_content_is_fixed_so_the_same_version_always_hashes_alike()
    {
        var content = QuoteSeal.Content(Version2);

        Assert.Equal(content, QuoteSeal.Content(Version2 with { Lines = [.. Version2.Lines] }));
        Assert.Contains("\"netTotal\":\"2242.50\"", content, StringComparison.Ordinal);
        Assert.Equal(32, QuoteSeal.DocumentHash(content).Length);
    }
}
