namespace StoreSales.Data.Targets;

/// <summary>
/// The key of the clock the freeze rule reads (the host's <see cref="TimeProvider"/> unless a test registers its own):
/// a test moves the targets past the freeze day without moving the whole host's clock (sign-in, Orleans' timers).
/// </summary>
public static class TargetClock
{
    public const string Key = "targets";
}
