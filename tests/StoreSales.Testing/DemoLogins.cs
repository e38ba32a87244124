using StoreSales.Data.Demo;

namespace StoreSales.Testing;

/// <summary>The demo staff the command center seeds with <c>Demo:SeedStaff</c> (first region east, first store sh001).</summary>
public static class DemoLogins
{
    public const string Password = DemoOptions.DefaultStaffPassword;
    public const string Hq = "hq";
    public const string EastManager = "east.manager";
    public const string EastSupervisor = "east.supervisor";
    public const string Sh001Manager = "sh001.manager";
    public const string Sh001Rep = "sh001.rep";
    public const string EastSales = "east.sales";
    public const string Admin = "admin";
    public const string EastDirector = "east.director";
    public const string Legal = "legal";
    public const string Finance = "finance";
}
