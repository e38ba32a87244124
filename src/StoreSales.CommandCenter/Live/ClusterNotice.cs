namespace StoreSales.CommandCenter.Live;

/// <summary>
/// Sends a one-way notice to the silos' live-update notifier without waiting for it: the request that changed the data
/// never waits for pages, and a page missing a notice is corrected by its next read. A notice not sent is logged.
/// </summary>
internal static class ClusterNotice
{
    public static void Send(Func<Task> send, Action<Exception> notSent)
    {
        Task sent;
        try
        {
            // A one-way call: it completes once the message is on its way.
            sent = send();
        }
        catch (Exception exception)
        {
            notSent(exception);
            return;
        }

        if (!sent.IsCompletedSuccessfully)
        {
            _ = sent.ContinueWith(t => notSent(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
