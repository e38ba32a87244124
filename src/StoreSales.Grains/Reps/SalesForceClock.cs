namespace StoreSales.Grains.Reps;

/// <summary>
/// The clock the sales-force grains read their rules' time from: a keyed <see cref="TimeProvider"/>, the host's own clock
/// in production. Keyed apart from the silo's <see cref="TimeProvider"/> because Orleans runs its own timers, leases
/// and reminders on that one: a test moves this clock (a FakeTimeProvider) without stopping the cluster's.
/// </summary>
public static class SalesForceClock
{
    public const string Key = "sales-force-rules";
}
