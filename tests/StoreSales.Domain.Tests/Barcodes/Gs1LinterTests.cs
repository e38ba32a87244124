using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>
/// The dictionary's linters on the examples its own release publishes with them (gs1/gs1-syntax-dictionary,
/// src/lint_*.c unit tests, release 2026-01-27), re-expressed as tables: null means the value passes.
/// </summary>
public sealed class Gs1LinterTests
{
    [Theory]
    [InlineData("csum", "02345673", null)]
    [InlineData("csum", "12345673", "bad check digit 3")]
    [InlineData("csum", "416000336108", null)]
    [InlineData("csum", "416000336109", "bad check digit 9")]
    [InlineData("csum", "1234567890128", null)]
    [InlineData("csum", "12345678901231", null)]
    [InlineData("csumalpha", "22", null)]
    [InlineData("csumalpha", "33", "bad check character pair 33")]
    [InlineData("csumalpha", "!22", null)]
    [InlineData("csumalpha", "!!22", null)]
    [InlineData("csumalpha", "1987654Ad4X4bL5ttr2310c2K", null)]
    [InlineData("csumalpha", "1987654Ad4X4bL5ttr2310cXK", "bad check character pair XK")]
    [InlineData("csumalpha", "2", "too short for its check character pair")]
    [InlineData("iban", "FR7630006000011234567890189", null)]
    [InlineData("iban", "DE91100000000123456789", null)]
    [InlineData("iban", "MU43BOMM0101123456789101000MUR", null)]
    [InlineData("iban", "SA4420000001234567891234", null)]
    [InlineData("yymmdd", "200131", null)]
    [InlineData("yymmdd", "200100", "day 00 not allowed")]
    [InlineData("yymmd0", "200100", null)]
    [InlineData("yymmd0", "201332", "invalid date 201332")]
    [InlineData("yyyymmdd", "20240229", null)]
    [InlineData("yyyymmdd", "20230229", "invalid date 20230229")]
    [InlineData("pieceoftotal", "11", null)]
    [InlineData("pieceoftotal", "89", null)]
    [InlineData("pieceoftotal", "0101", null)]
    [InlineData("pieceoftotal", "0099", "piece number must not be zero")]
    [InlineData("pieceoftotal", "0302", "piece 03 exceeds the total 02")]
    [InlineData("posinseqslash", "9/10", null)]
    [InlineData("posinseqslash", "10/10", null)]
    [InlineData("posinseqslash", "10/9", "position 10 exceeds the end 9")]
    [InlineData("iso4217", "000", "000 is not an ISO 4217 numeric currency code")]
    [InlineData("iso4217", "156", null)]
    [InlineData("iso4217", "978", null)]
    [InlineData("iso3166", "999", "999 is not an ISO 3166 numeric country code")]
    [InlineData("iso3166", "156", null)]
    [InlineData("iso3166999", "999", null)]
    [InlineData("iso3166alpha2", "CN", null)]
    [InlineData("iso3166alpha2", "AA", "AA is not an ISO 3166 alpha-2 country code")]
    [InlineData("latitude", "1800000000", null)]
    [InlineData("latitude", "1800000001", "invalid latitude")]
    [InlineData("longitude", "3600000000", null)]
    [InlineData("longitude", "3600000001", "invalid longitude")]
    [InlineData("pcenc", "%Ff", null)]
    [InlineData("pcenc", "ABC%0g", "bad percent-encoding at character 4")]
    [InlineData("pcenc", "AB%", "bad percent-encoding at character 3")]
    [InlineData("hhmi", "2359", null)]
    [InlineData("hhmi", "2400", "invalid time 2400")]
    [InlineData("packagetype", "BX", null)]
    [InlineData("packagetype", "QQQ", "QQQ is not a GS1 PackageTypeCode")]
    [InlineData("mediatype", "10", null)]
    [InlineData("mediatype", "11", "11 is not an AIDC media type")]
    [InlineData("gcppos2", "012345", null)]
    [InlineData("gcppos2", "0123", "too short to hold a GS1 Company Prefix")]
    [InlineData("gcppos1", "12A4", "a GS1 Company Prefix starts with at least four digits")]
    public void The_published_examples_pass_or_fail_with_a_reason(string linter, string value, string? expected) =>
        AssertLinter(linter, value, expected);

    /// <summary><paramref name="linter"/> is implemented and passes <paramref name="value"/> (null) or fails it with words containing <paramref name="expected"/>.</summary>
    internal static void AssertLinter(string linter, string value, string? expected)
    {
        Assert.True(Gs1Linters.IsImplemented(linter));

        var error = Gs1Linters.Check(linter, value, currentYear: 2026);

        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.NotNull(error);
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
    }
}
