namespace StoreSales.Browser.Tests;

/// <summary>A user the demo seed creates, with the role and scope the tests expect to see.</summary>
public sealed record DemoLogin(string UserName, string Password, string Role);

/// <summary>
/// The demo users, one per role (issue 4: "the demo seeds one user per role and prints their logins").
/// Sign-in is being built alongside these tests: keep these in step with the seed when it lands.
/// </summary>
public static class DemoLogins
{
    private const string DemoPassword = "StoreSales-demo-1";

    public static DemoLogin Headquarters { get; } = new("hq", DemoPassword, "HQ");

    public static DemoLogin RegionalManagerEast { get; } = new("regional-east", DemoPassword, "RegionalManager");

    public static DemoLogin FieldSupervisorEast { get; } = new("supervisor-east", DemoPassword, "FieldSupervisor");

    /// <summary>Manages store-sh001 (Shanghai Jing'an) and nothing else.</summary>
    public static DemoLogin StoreManagerSh001 { get; } = new("manager-sh001", DemoPassword, "StoreManager");
}
