using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

public sealed class AimSymbologyTests
{
    [Theory]
    [InlineData("]E04006381333931", "]E0", "EAN-13/UPC-A/UPC-E", false, true)]
    [InlineData("]E496385074", "]E4", "EAN-8", false, true)]
    [InlineData("]C10109506000134352", "]C1", "GS1-128", true, false)]
    [InlineData("]e00109506000134352", "]e0", "GS1 DataBar", true, false)]
    [InlineData("]d20109506000134352", "]d2", "GS1 DataMatrix", true, false)]
    [InlineData("]Q30109506000134352", "]Q3", "GS1 QR Code", true, false)]
    [InlineData("]Q1member:123", "]Q1", "QR Code", false, false)]
    [InlineData("]A0ABC-123", "]A0", "Code 39", false, false)]
    [InlineData("]C0ABC-123", "]C0", "Code 128", false, false)]
    [InlineData("]I110614141000415", "]I1", "ITF-14", false, true)]
    public void Known_prefixes_name_the_symbology_and_say_whether_the_data_is_gs1(
        string scanned, string identifier, string name, bool gs1, bool carriesGtin)
    {
        var (symbology, data) = AimSymbology.Split(scanned);

        Assert.Equal(identifier, symbology.Identifier);
        Assert.Equal(name, symbology.Name);
        Assert.Equal(gs1, symbology.IsGs1ElementString);
        Assert.Equal(carriesGtin, symbology.CarriesGtin);
        Assert.Equal(scanned[3..], data);
    }

    [Fact]
    public void An_unknown_prefix_is_kept_as_unknown_not_rejected()
    {
        var (symbology, data) = AimSymbology.Split("]X9payload");

        Assert.Equal("]X9", symbology.Identifier);
        Assert.Equal("unknown", symbology.Name);
        Assert.False(symbology.IsGs1ElementString);
        Assert.Equal("payload", data);
    }

    [Theory]
    [InlineData("4006381333931")]
    [InlineData("]E")]
    [InlineData("]")]
    [InlineData("")]
    public void Text_without_a_complete_prefix_is_returned_whole(string scanned)
    {
        var (symbology, data) = AimSymbology.Split(scanned);

        Assert.Same(AimSymbology.None, symbology);
        Assert.Equal(scanned, data);
    }
}
