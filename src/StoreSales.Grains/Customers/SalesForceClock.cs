namespace StoreSales.Grains.Customers;

/// <summary>
/// The clock the sales-force grains (customers, the dormancy sweep) read their rules' time from: a keyed
/// <see cref="TimeProvider"/>, the host's own clock in production. Keyed so a test can move it (a FakeTimeProvider two
/// days on) without moving the clock Orleans' own leases and timers run by.
/// </summary>
public static class SalesForceClock
{
    public const string Key = "sales-force";
}
