namespace StoreSales.Domain.Notifications;

/// <summary>
/// When a delivery the provider refused (or could not be reached for) is tried again: the wait doubles from
/// <c>first</c> after each failed round up to <c>max</c>; after <c>maxAttempts</c> rounds it is given up as failed
/// (the provider's error kept; the inbox still has the alert).
/// </summary>
public static class DeliveryBackoff
{
    /// <param name="attempts">Rounds tried so far, this failed one included (1 after the first).</param>
    /// <returns>When to try again, or null when no round is left.</returns>
    public static DateTimeOffset? NextTry(int attempts, DateTimeOffset now, TimeSpan first, TimeSpan max, int maxAttempts)
    {
        if (attempts >= maxAttempts)
        {
            return null;
        }

        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, max.Ticks));
        return now + wait;
    }
}
