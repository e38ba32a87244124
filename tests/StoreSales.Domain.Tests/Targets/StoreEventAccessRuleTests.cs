using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests.Targets;

public sealed class StoreEventAccessRuleTests
{
    public static TheoryData<string, ViewerScope, bool, bool> Cases => new()
    {
        // because, viewer, reads store-sh001 (region east), records there
        { "HQ: any store", ViewerScope.Of([ChainRoles.Hq], [], []), true, true },
        { "the region's manager", ViewerScope.Of([ChainRoles.RegionalManager], ["east"], []), true, true },
        { "another region's manager", ViewerScope.Of([ChainRoles.RegionalManager], ["north"], []), false, false },
        { "the store's manager", ViewerScope.Of([ChainRoles.StoreManager], [], ["store-sh001"]), true, true },
        { "another store's manager", ViewerScope.Of([ChainRoles.StoreManager], [], ["store-sh002"]), false, false },
        { "the region's field supervisor reads only", ViewerScope.Of([ChainRoles.FieldSupervisor], ["east"], []), true, false },
        { "a rep of the store reads only", ViewerScope.Of([ChainRoles.SalesRep], [], ["store-sh001"]), true, false },
        { "the administrator reads only", ViewerScope.Of([ChainRoles.Admin], [], []), true, false },
        { "the store's board reads only", ViewerScope.Of([ChainRoles.Board], [], ["store-sh001"]), true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Who_reads_and_who_records_a_stores_events(string because, ViewerScope viewer, bool reads, bool records)
    {
        Assert.True(reads == StoreEventAccessRule.CanRead(viewer, "store-sh001", "east"), because);
        Assert.True(records == StoreEventAccessRule.CanRecord(viewer, "store-sh001", "east"), because);
    }
}
