namespace StoreSales.Testing;

/// <summary>
/// Waits for a condition that becomes true through someone else's work (a grain timer, a background push) instead of
/// sleeping a guessed time: polls briefly, and returns the last value read so the test's assertion shows what it saw.
/// </summary>
public static class WaitFor
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow >= deadline)
            {
                return value;
            }

            await Task.Delay(Poll);
        }
    }

    public static Task<bool> Until(Func<bool> done, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(done()), d => d, timeout);
}
