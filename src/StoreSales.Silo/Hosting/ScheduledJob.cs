namespace StoreSales.Silo.Hosting;

/// <summary>
/// One of the cluster's scheduled jobs (dormancy sweep, nightly grading, attribution report): a grain that keeps its own
/// persisted Orleans reminder. <paramref name="Start"/> makes sure the reminder exists and runs what a stopped cluster
/// missed; <paramref name="Enabled"/> reads the job's on/off setting, named by <paramref name="EnabledSetting"/> (null: the
/// job cannot be turned off).
/// </summary>
public sealed record ScheduledJob(string Name, string? EnabledSetting, Func<IServiceProvider, bool> Enabled, Func<IGrainFactory, Task> Start);
