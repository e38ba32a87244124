using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

public sealed class AttributionAccessRuleTests
{
    private static ViewerScope As(string role, string[]? regions = null, string[]? stores = null) => ViewerScope.Of([role], regions ?? [], stores ?? []);

    public static TheoryData<string, ViewerScope, bool, bool, bool, bool> Matrix => new()
    {
        // who, may read at all, sees store-sh001 (east), sees store-gz001 (south), sees the east roll-up
        { "HQ", As(ChainRoles.Hq), true, true, true, true },
        { "administrator", As(ChainRoles.Admin), true, true, true, true },
        { "east's regional manager", As(ChainRoles.RegionalManager, regions: ["region-east"]), true, true, false, true },
        { "east's field supervisor", As(ChainRoles.FieldSupervisor, regions: ["region-east"]), true, true, false, true },
        { "sh001's store manager", As(ChainRoles.StoreManager, stores: ["store-sh001"]), true, true, false, false },
        { "gz001's store manager", As(ChainRoles.StoreManager, stores: ["store-gz001"]), true, false, true, false },
        { "a rep of sh001", As(ChainRoles.SalesRep, stores: ["store-sh001"]), false, false, false, false },
        { "sh001's TV board", As(ChainRoles.Board, stores: ["store-sh001"]), false, false, false, false },
        { "a sales manager", As(ChainRoles.SalesManager, stores: ["store-sh001"]), false, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_role_reads_its_own_part_of_the_report(string who, ViewerScope viewer, bool reads, bool eastStore, bool southStore, bool eastRegion)
    {
        Assert.True(
            (reads, eastStore, southStore, eastRegion) == (
                AttributionAccessRule.MayRead(viewer),
                AttributionAccessRule.SeesStore(viewer, "store-sh001", "region-east"),
                AttributionAccessRule.SeesStore(viewer, "store-gz001", "region-south"),
                AttributionAccessRule.SeesRegion(viewer, "region-east")),
            who);
    }
}
