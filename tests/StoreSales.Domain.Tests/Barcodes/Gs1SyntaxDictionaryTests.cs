using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>The AI table is GS1's published Barcode Syntax Dictionary, read from the shipped file, not a hand-picked list.</summary>
public sealed class Gs1SyntaxDictionaryTests
{
    [Fact]
    public void The_shipped_dictionary_names_its_release() =>
        Assert.Equal("2026-01-27", Gs1ApplicationIdentifiers.Release);

    [Theory]
    [InlineData("00", "SSCC", 18, 18, true)]
    [InlineData("01", "GTIN", 14, 14, true)]
    [InlineData("10", "BATCH/LOT", 1, 20, false)]
    [InlineData("235", "TPX", 1, 28, false)]
    [InlineData("3105", "NET WEIGHT (kg)", 6, 6, true)]
    [InlineData("3375", "KG PER m²", 6, 6, true)]
    [InlineData("4309", "SHIP TO GEO", 20, 20, false)]
    [InlineData("7007", "HARVEST DATE", 6, 12, false)]
    [InlineData("8003", "GRAI", 14, 30, false)]
    [InlineData("8043", "PSIM", 18, 20, false)]   // new in release 2026-01-27
    [InlineData("8111", "POINTS", 4, 4, false)]   // fixed length, yet FNC1 must end it
    [InlineData("99", "INTERNAL", 1, 90, false)]
    public void Every_range_and_component_is_read_from_the_dictionary(string ai, string title, int min, int max, bool predefined)
    {
        var definition = Gs1ApplicationIdentifiers.Find(ai);

        Assert.NotNull(definition);
        Assert.Equal(title, definition.Title);
        Assert.Equal(min, definition.MinLength);
        Assert.Equal(max, definition.MaxLength);
        Assert.Equal(predefined, definition.HasPredefinedLength);
    }

    [Theory]
    [InlineData("3106")]   // 310n stops at n = 5
    [InlineData("23")]
    [InlineData("89")]
    [InlineData("8015")]
    public void An_ai_the_dictionary_lacks_is_unknown(string ai) => Assert.Null(Gs1ApplicationIdentifiers.Find(ai));

    [Fact]
    public void Every_line_of_the_dictionary_becomes_its_ais()
    {
        // 224 entry lines in release 2026-01-27; the ranges (3100-3105, 3900-3909, 91-99, ...) expand to single AIs.
        var ais = Gs1ApplicationIdentifiers.All;

        Assert.Equal(ais.Count, ais.Select(a => a.Ai).Distinct().Count());
        Assert.True(ais.Count > 224, $"only {ais.Count} AIs");
        Assert.Contains(ais, a => a.Ai == "3909");
        Assert.Contains(ais, a => a.Ai == "91");
    }

    [Fact]
    public void The_dictionary_is_prefix_free_so_splitting_is_unambiguous()
    {
        var ais = Gs1ApplicationIdentifiers.All.Select(a => a.Ai).ToList();

        Assert.DoesNotContain(ais, a => ais.Any(b => b != a && b.StartsWith(a, StringComparison.Ordinal)));
    }

    [Fact]
    public void Components_carry_their_charset_optionality_and_linters()
    {
        var grai = Gs1ApplicationIdentifiers.Find("8003")!;

        Assert.Equal(
            ["N1 zero", "N13 csum,gcppos1", "[X1..16]"],
            grai.Components.Select(c => $"{(c.Optional ? "[" : "")}{c.Charset}{(c.IsFixedLength ? "" : $"{c.MinLength}..")}{c.MaxLength}{(c.Optional ? "]" : "")}{(c.Linters.Count == 0 ? "" : " " + string.Join(',', c.Linters))}"));
    }

    [Fact]
    public void Every_linter_the_dictionary_names_is_implemented() =>
        Assert.Empty(Gs1ApplicationIdentifiers.UncheckedLinters);

    [Theory]
    [InlineData("01  *?  N14,csum  # GTIN\n01X  N2  # BAD", "line 2")]
    [InlineData("# Release: 1\n10  ?  Q..20  # NO SUCH TYPE", "line 2: no data specification")]
    [InlineData("3105-3100  *  N6  # BACKWARDS", "is not a range of AIs")]
    [InlineData("7007  N..6 N6  # VARIABLE FIRST", "only the last component may vary in length")]
    public void A_line_it_cannot_read_is_an_error_naming_the_line(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Gs1SyntaxDictionary.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_attributes_and_title_are_read_as_the_header_documents()
    {
        var (release, ais) = Gs1SyntaxDictionary.Parse("# Release: 2099-01-01\n02  *?  N14,csum,gcppos2  ex=01,03 req=37  # CONTENT\n");

        Assert.Equal("2099-01-01", release);
        var content = Assert.Single(ais);
        Assert.True(content.HasPredefinedLength);
        Assert.Equal(["01", "03"], content.Excludes);
        Assert.Equal("CONTENT", content.Title);
        Assert.True(content.Excluded("01"));
        Assert.False(content.Excluded("37"));
    }
}
