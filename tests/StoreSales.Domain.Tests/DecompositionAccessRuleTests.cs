using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

public sealed class DecompositionAccessRuleTests
{
    private static ViewerScope Viewer(string role, string? region = null, string? store = null) =>
        ViewerScope.Of([role], region is null ? [] : [region], store is null ? [] : [store]);

    [Theory]
    //            role                         region        read   propose correct apply
    [InlineData(ChainRoles.Hq, null, true, true, false, true)]
    [InlineData(ChainRoles.RegionalManager, "region-east", true, false, true, true)]
    [InlineData(ChainRoles.RegionalManager, "region-north", false, false, false, false)]
    [InlineData(ChainRoles.FieldSupervisor, "region-east", true, false, false, false)]
    [InlineData(ChainRoles.StoreManager, null, false, false, false, false)]
    [InlineData(ChainRoles.Admin, null, true, false, false, false)]
    [InlineData(ChainRoles.SalesRep, null, false, false, false, false)]
    public void Who_reads_proposes_corrects_and_applies_region_easts_split(string role, string? region, bool read, bool propose, bool correct, bool apply)
    {
        var viewer = Viewer(role, region, role == ChainRoles.StoreManager ? "store-sh001" : null);

        Assert.Equal(
            (read, propose, correct, apply),
            (DecompositionAccessRule.CanRead(viewer, "region-east"), DecompositionAccessRule.CanPropose(viewer),
             DecompositionAccessRule.CanCorrect(viewer, "region-east"), DecompositionAccessRule.CanApply(viewer, "region-east")));
    }
}
