using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

/// <summary>Who sets which target: HQ regions, a regional manager their region's stores (HQ too), a store manager their reps.</summary>
public sealed class TargetAccessRuleTests
{
    private static ViewerScope Of(string role, string[]? regions = null, string[]? stores = null) => ViewerScope.Of([role], regions ?? [], stores ?? []);

    public static TheoryData<string, string[], string[], bool, bool, bool> Matrix => new()
    {
        // role, regions, stores, sets region east, sets a store of east, sets a rep of sh001
        { ChainRoles.Hq, [], [], true, true, false },
        { ChainRoles.RegionalManager, ["east"], [], false, true, false },
        { ChainRoles.RegionalManager, ["south"], [], false, false, false },
        { ChainRoles.FieldSupervisor, ["east"], [], false, false, false },
        { ChainRoles.StoreManager, [], ["store-sh001"], false, false, true },
        { ChainRoles.StoreManager, [], ["store-gz001"], false, false, false },
        { ChainRoles.SalesRep, [], ["store-sh001"], false, false, false },
        { ChainRoles.Admin, [], [], false, false, false },
        { ChainRoles.Board, [], ["store-sh001"], false, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_level_is_set_by_its_own_people(string role, string[] regions, string[] stores, bool region, bool store, bool rep)
    {
        var viewer = Of(role, regions, stores);

        Assert.Equal(region, TargetAccessRule.CanSetRegion(viewer));
        Assert.Equal(store, TargetAccessRule.CanSetStore(viewer, "east"));
        Assert.Equal(rep, TargetAccessRule.CanSetRep(viewer, "store-sh001"));
    }

    [Fact]
    public void The_configured_approver_role_decides()
    {
        Assert.True(TargetAccessRule.CanDecide(Of(ChainRoles.Hq), "hq"));
        Assert.False(TargetAccessRule.CanDecide(Of(ChainRoles.RegionalManager, ["east"]), "hq"));
        Assert.True(TargetAccessRule.CanDecide(Of(ChainRoles.RegionalManager, ["east"]), ChainRoles.RegionalManager));
    }
}
