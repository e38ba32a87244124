namespace StoreSales.CommandCenter.Live;

/// <summary>
/// Turns a stream of updates into at most one redraw per interval, always with the latest value:
/// a burst of a thousand sales becomes ten renders a second, never a queue of stale ones.
/// </summary>
public sealed class RedrawThrottle<T>(TimeSpan interval, Func<T, Task> redraw) : IDisposable
    where T : class
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private T? _pending;
    private bool _scheduled;
    private long _lastRedraw;

    public void Post(T value)
    {
        lock (_gate)
        {
            _pending = value;
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        _ = Run();
    }

    private async Task Run()
    {
        try
        {
            var wait = interval - TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastRedraw));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _stop.Token);
            }

            T? value;
            lock (_gate)
            {
                value = _pending;
                _pending = null;
                _scheduled = false;
            }

            Interlocked.Exchange(ref _lastRedraw, Environment.TickCount64);
            if (value is not null)
            {
                await redraw(value);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
