namespace StoreSales.Domain.Notifications;

/// <summary>
/// A digest instead of a flood: when more than <c>threshold</c> alerts opened for one person on one channel within
/// <c>window</c>, what waits goes out as ONE message listing them, and at most one digest per window follows; below
/// the threshold each alert goes out on its own. An alert storm of 10,000 therefore sends at most the threshold's
/// single messages plus one digest per window while it lasts, never 10,000.
/// </summary>
public static class DigestRule
{
    /// <param name="waiting">The deliveries due now for this person and channel (not muted, outside quiet hours).</param>
    /// <param name="openedInWindow">Alerts opened for this person on this channel within the window before now, the waiting ones included.</param>
    /// <param name="lastDigestAt">When this person's last digest on this channel went out, or null.</param>
    public static DigestDecision Decide(int waiting, int openedInWindow, DateTimeOffset? lastDigestAt, DateTimeOffset now, int threshold, TimeSpan window)
    {
        if (waiting == 0)
        {
            return DigestDecision.Nothing;
        }

        var digestInWindow = lastDigestAt is { } last && now - last < window;
        if (openedInWindow <= threshold && !digestInWindow)
        {
            return DigestDecision.EachAlone;
        }

        // In a storm: one digest now, unless one went out within the window (the storm is still on): then what waits
        // joins the next digest, due when the window has passed, rather than slipping out alone between two digests.
        return digestInWindow ? DigestDecision.WaitUntil(lastDigestAt!.Value + window) : DigestDecision.OneDigest;
    }
}

/// <summary>What to do with the deliveries waiting for one person on one channel.</summary>
public sealed record DigestDecision(DigestAction Action, DateTimeOffset? NotBefore)
{
    public static readonly DigestDecision Nothing = new(DigestAction.Nothing, null);
    public static readonly DigestDecision EachAlone = new(DigestAction.EachAlone, null);
    public static readonly DigestDecision OneDigest = new(DigestAction.OneDigest, null);

    public static DigestDecision WaitUntil(DateTimeOffset notBefore) => new(DigestAction.Wait, notBefore);
}

public enum DigestAction
{
    Nothing,

    /// <summary>Send each waiting alert as its own message.</summary>
    EachAlone,

    /// <summary>Send all waiting alerts as one digest message.</summary>
    OneDigest,

    /// <summary>Hold them until <see cref="DigestDecision.NotBefore"/> (a digest went out within the window).</summary>
    Wait,
}
