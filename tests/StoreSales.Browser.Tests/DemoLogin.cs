using Staff = StoreSales.Testing.DemoLogins;

namespace StoreSales.Browser.Tests;

/// <summary>A user the demo seed creates, with the role the tests expect to see.</summary>
public sealed record DemoLogin(string UserName, string Password, string Role);

/// <summary>The command center's demo staff (<c>Demo:SeedStaff</c>, scoped to region-east and store-sh001), one per role.</summary>
public static class DemoStaff
{
    public static DemoLogin Headquarters { get; } = new(Staff.Hq, Staff.Password, "hq");

    public static DemoLogin RegionalManagerEast { get; } = new(Staff.EastManager, Staff.Password, "regional-manager");

    public static DemoLogin FieldSupervisorEast { get; } = new(Staff.EastSupervisor, Staff.Password, "field-supervisor");

    /// <summary>Manages store-sh001 (Shanghai Jing'an) and nothing else.</summary>
    public static DemoLogin StoreManagerSh001 { get; } = new(Staff.Sh001Manager, Staff.Password, "store-manager");

    public static DemoLogin SalesRepSh001 { get; } = new(Staff.Sh001Rep, Staff.Password, "sales-rep");

    public static DemoLogin Admin { get; } = new(Staff.Admin, Staff.Password, "admin");

    /// <summary>Approves, with finance, quotes of the top discount tier (chain-wide).</summary>
    public static DemoLogin Legal { get; } = new("legal", Staff.Password, "legal");

    /// <summary>Approves, with legal, quotes of the top discount tier (chain-wide).</summary>
    public static DemoLogin Finance { get; } = new("finance", Staff.Password, "finance");
    /// <summary>Decides the approvals of region-east and its retail team (sales director).</summary>
    public static DemoLogin SalesDirectorEast { get; } = new(Staff.EastDirector, Staff.Password, "sales-director");
}
