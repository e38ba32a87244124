using StoreSales.CommandCenter.Hq.Maps;

namespace StoreSales.CommandCenter.Tests;

/// <summary>Which outline a store stands on, as the HQ map tints and zooms it: every part of China has one.</summary>
public sealed class ProvinceOutlineTests
{
    [Theory]
    [InlineData(121.56, 25.04, "CN-TW", "台湾省")]     // Taipei
    [InlineData(120.30, 22.63, "CN-TW", "台湾省")]     // Kaohsiung
    [InlineData(114.18, 22.26, "CN-HK", "香港特别行政区")]     // Hong Kong Island
    [InlineData(114.11, 22.37, "CN-HK", "香港特别行政区")]     // Tsuen Wan, New Territories
    [InlineData(113.52, 22.22, "CN-MO", "澳门特别行政区")]     // Macao
    [InlineData(114.055, 22.541, "CN-GD", "广东省")]   // the demo's Shenzhen Futian, a few hundred metres from the border
    [InlineData(121.47, 31.23, "CN-SH", "上海市")]     // Shanghai
    public void A_store_stands_on_its_own_outline(double longitude, double latitude, string id, string nameZh)
    {
        var province = ProvinceOutlines.At(MapProjection.Project(longitude, latitude));

        Assert.NotNull(province);
        Assert.Equal((id, nameZh), (province.Id, province.NameZh));
    }

    [Fact]
    public void The_map_has_the_31_provinces_and_Taiwan_Hong_Kong_and_Macao()
    {
        Assert.Equal(34, ProvinceOutlines.All.Length);
        Assert.Equal(ProvinceOutlines.All.Length, ProvinceOutlines.All.Select(p => p.Id).Distinct().Count());
        Assert.Contains(ProvinceOutlines.All, p => p is { Id: "CN-TW", Name: "Taiwan" });
        Assert.Contains(ProvinceOutlines.All, p => p is { Id: "CN-HK", Name: "Hong Kong" });
        Assert.Contains(ProvinceOutlines.All, p => p is { Id: "CN-MO", Name: "Macao" });
    }
}
