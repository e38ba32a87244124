namespace StoreSales.Grains;

/// <summary>
/// The clock the sales-force grains (customers, the dormancy sweep, departures) read their rules' time from: a keyed
/// <see cref="TimeProvider"/>, the host's own clock in production. Keyed apart from the silo's <see cref="TimeProvider"/>
/// because Orleans runs its own timers, leases and reminders on that one: a test moves this clock (a FakeTimeProvider two
/// days on) without stopping the cluster's.
/// </summary>
public static class SalesForceClock
{
    public const string Key = "sales-force";
}
