using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>
/// Cases from GS1's reference Barcode Syntax Engine (gs1/gs1-syntax-engine, src/c-lib/ai.c: test_ai_linters and
/// test_ai_processAIdata), re-expressed as our own tables. In the raw cases "^" stands for FNC1, which scanners send
/// as GS. Where the engine names an error code, the table names the words our reason gives for it.
/// </summary>
public sealed class Gs1SyntaxEngineVectorTests
{
    private static Gs1ParseResult Raw(string caretForFnc1) => Gs1ElementStrings.Parse(caretForFnc1.Replace('^', Gs1ElementStrings.GroupSeparator), currentYear: 2026);

    [Theory]
    [InlineData("(00)123456789012345675", null)]
    [InlineData("(00)A23456789012345675", "character 'A' at value position 1 is not allowed (digits only)")]
    [InlineData("(8010)123456_", "character '_' at value position 7 is not allowed (GS1 character set 39)")]
    [InlineData("(8030)ABC:123", "character ':' at value position 4 is not allowed (GS1 character set 64 (base64url))")]
    [InlineData("(8030)123=", "bad base64url padding")]
    [InlineData("(00)123456789012345670", "bad check digit 0")]
    [InlineData("(8013)123456ABXX", "bad check character pair XX")]
    [InlineData("(8013)A", "too short for its check character pair")]
    [InlineData("(401)123", "too short to hold a GS1 Company Prefix")]
    [InlineData("(7023)12A4", "a GS1 Company Prefix starts with at least four digits")]
    [InlineData("(7040)1AB=", "importer index")]
    [InlineData("(8001)12340000012311", "must not be zero")]
    [InlineData("(8003)112345678901281234567890123456", "must be 0")]
    [InlineData("(8011)023456789012", "must not start with 0")]
    [InlineData("(4321)2", "must be 0 (no) or 1 (yes)")]
    [InlineData("(8001)12341234512321", "winding direction must be 0, 1 or 9")]
    [InlineData("(426)987", "987 is not an ISO 3166 numeric country code")]
    [InlineData("(7030)987ABC", "987 is not an ISO 3166 numeric country code or 999")]
    [InlineData("(4307)AA", "AA is not an ISO 3166 alpha-2 country code")]
    [InlineData("(3910)9870", "987 is not an ISO 4217 numeric currency code")]
    [InlineData("(8007)FR1234", "IBAN must have 11 to 34 characters")]
    [InlineData("(8007)FR12_45678901234", "character '_' is not allowed in an IBAN")]
    [InlineData("(8007)AB12345678901234", "IBAN country code AB")]
    [InlineData("(8007)FR12345678901234", "IBAN check digits do not match")]
    [InlineData("(4326)201300", "invalid date 201300")]
    [InlineData("(4326)201200", "invalid date 201200 (YYMMDD, day 00 not allowed)")]
    [InlineData("(4324)2012252400", "invalid time 2400")]
    [InlineData("(4324)2012252360", "invalid time 2360")]
    [InlineData("(8008)201225230060", "invalid second 60")]
    [InlineData("(8026)123456789012310099", "piece number must not be zero")]
    [InlineData("(8026)123456789012310100", "total number of pieces must not be zero")]
    [InlineData("(8026)123456789012310302", "piece 03 exceeds the total 02")]
    [InlineData("(4300)ABC%0g", "bad percent-encoding")]
    [InlineData("(4309)18000000010000000000", "invalid latitude")]
    [InlineData("(4309)00000000003600000001", "invalid longitude")]
    [InlineData("(4330)000000X", "must be '-'")]
    [InlineData("(7252)5", "ISO/IEC 5218")]
    [InlineData("(7258)111", "must be position/end")]
    [InlineData("(7258)0/3", "must not start with 0")]
    [InlineData("(7258)2/1", "position 2 exceeds the end 1")]
    [InlineData("(01)95012345678903(3103)000123", null)]
    [InlineData("(01)95012345678902(3103)000123", "AI (01) GTIN at position 1: bad check digit 2")]
    [InlineData("(01)95012345678903(11)131313", "AI (11) PROD DATE at position 19: invalid date 131313")]
    [InlineData("(8110)012345612345611110123", null)]
    [InlineData("(8110)012345612345611110123101101239", null)]
    [InlineData("(8110)0123456123456111101237", "unexpected data 7")]
    [InlineData("(8112)001234561234560123456", null)]
    [InlineData("(8112)201234561234560123456", "coupon format 2 at value position 1 must be one of 0, 1")]
    [InlineData("(8112)0012345612345601234567", "unexpected data 7")]
    public void Each_linter_the_engine_triggers_gives_its_reason(string elementString, string? expected)
    {
        var result = Gs1ElementStrings.Parse(elementString, currentYear: 2026);

        if (expected is null)
        {
            Assert.True(result.IsValid, result.Error);
        }
        else
        {
            Assert.False(result.IsValid);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_character_outside_set_82_is_rejected() =>
        Assert.Contains("character ' ' at value position 1 is not allowed (GS1 character set 82)", Gs1ElementStrings.Parse("10 ").Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("^991234")]
    [InlineData("^0112345678901231")]
    [InlineData("^0112345678901231^")]                       // superfluous FNC1 tolerated
    [InlineData("^0112345678901231991234")]                  // predefined length runs into the next AI
    [InlineData("^0112345678901231^991234")]
    [InlineData("^2421")]                                    // N..6, FNC1 required
    [InlineData("^242123456")]
    [InlineData("^242123456^10ABC123")]
    [InlineData("^242123456^")]
    [InlineData("^81111234")]                                // N4, yet FNC1 required
    [InlineData("^81111234^10ABC123")]
    [InlineData("^800112341234512398")]                      // N4 N5 N3 N1 N1
    [InlineData("^800112341234512398^0112345678901231")]
    [InlineData("^7007211225211231")]                        // N6 [N6]
    [InlineData("^7007211225")]                              // optional component left out
    [InlineData("^800302112345678900ABC")]                   // N1 N13,csum [X..16]
    [InlineData("^800302112345678900")]
    [InlineData("^800302112345678900^10ABC123")]
    [InlineData("^800302112345678900ABCDEFGHIJKLMNOP")]
    [InlineData("^7230121234567890123456789012345678")]      // X2 X..28
    [InlineData("^7230123")]
    [InlineData("^235ABC")]
    [InlineData("^235ABCDEFGHIJKLMNOPQRSTUVWXYZ12")]
    [InlineData("^0112345678901231235XYZ")]
    [InlineData("^0112345678901231235XYZ^10BATCH")]
    [InlineData("^423528")]                                  // one to five ISO 3166 codes
    [InlineData("^423528528")]
    [InlineData("^423528528528528528")]
    public void Raw_data_the_engine_accepts(string data)
    {
        var result = Raw(data);

        Assert.True(result.IsValid, result.Error);
    }

    [Theory]
    [InlineData("^", "no AI in element string")]
    [InlineData("^891234", "unknown AI at position 2")]
    [InlineData("^99~ABC", "character '~'")]
    [InlineData("^99ABC~", "character '~'")]
    [InlineData("^01A2345678901231", "character 'A'")]
    [InlineData("^011234567890123A", "character 'A'")]
    [InlineData("^0112345678901234", "bad check digit 4")]
    [InlineData("^011234567890123", "value has 13 characters, must have 14")]
    [InlineData("^01123456789012312", "unknown AI at position 18")]
    [InlineData("^011234567890123^", "value has 13 characters, must have 14")]
    [InlineData("^01123456789012345^", "bad check digit 4")]
    [InlineData("^01123456789012345^991234", "bad check digit 4")]
    [InlineData("^2421234567", "value too long (7 characters, at most 6)")]
    [InlineData("^8111123", "value has 3 characters, must have 4")]
    [InlineData("^811112345", "value too long (5 characters, at most 4)")]
    [InlineData("^80011234123451239", "value has 13 characters, must have 14")]
    [InlineData("^8001123412345123981", "value too long")]
    [InlineData("^80011234123451239^0112345678901231", "value has 13 characters")]
    [InlineData("^70072112252", "needs 6")]
    [InlineData("^700721122521", "needs 6")]
    [InlineData("^7007211225211", "needs 6")]
    [InlineData("^70072112252112", "needs 6")]
    [InlineData("^700721122521123", "needs 6")]
    [InlineData("^70072112252212311", "value too long")]
    [InlineData("^800302112345678901ABC", "bad check digit 1")]
    [InlineData("^800302112345678900ABCDEFGHIJKLMNOPQ", "value too long")]
    [InlineData("^72301212345678901234567890123456789", "value too long")]
    [InlineData("^723012", "value has 2 characters, must have 3 to 30")]
    [InlineData("^235ABCDEFGHIJKLMNOPQRSTUVWXYZ123", "value too long (29 characters, at most 28)")]
    [InlineData("^423", "value has 0 characters, must have 3 to 15")]
    [InlineData("^4235", "value has 1 characters, must have 3 to 15")]
    [InlineData("^4235285", "needs 3")]
    [InlineData("^42352852", "needs 3")]
    [InlineData("^4235285285285285285", "value too long (16 characters, at most 15)")]
    public void Raw_data_the_engine_rejects_with_the_reason(string data, string expected)
    {
        var result = Raw(data);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(01)09521234543213(02)09521234543213", "AI (02) CONTENT must not appear with AI (01) GTIN")]
    [InlineData("(01)09521234543213(37)1", "AI (01) GTIN must not appear with AI (37) COUNT")]
    [InlineData("(01)09521234543213(3103)000123(3102)001230", "AI (3103) NET WEIGHT (kg) must not appear with AI (3102)")]
    [InlineData("(01)09521234543213(3922)995(3932)9780995", "AI (3922) PRICE must not appear with AI (3932) PRICE")]
    public void Pairs_the_dictionary_excludes_are_invalid_in_one_scan(string elementString, string expected) =>
        Assert.Contains(expected, Gs1ElementStrings.Parse(elementString).Error, StringComparison.Ordinal);

    [Fact]
    public void Requisite_ais_are_not_demanded_of_one_scan()
    {
        // (10) requires (01), (02), ... on the item, but GS1 judges that over all carriers on it; one scan is one carrier.
        Assert.True(Gs1ElementStrings.Parse("(10)ABC123").IsValid);
    }
}
