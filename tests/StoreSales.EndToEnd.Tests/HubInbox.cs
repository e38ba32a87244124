using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Every message of one name a real SignalR client received, kept in the order they came. Messages of one change
/// batch come in no set order, so a test asks whether one matching has been heard (now or within 15 s), and may then
/// look at everything heard so far (that nothing of someone else's came).
/// </summary>
internal sealed class HubInbox
{
    private readonly Channel<JsonElement> _arriving = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _heard = [];

    private HubInbox()
    {
    }

    /// <summary>Everything heard so far and read by <see cref="Heard"/>, oldest first.</summary>
    public IReadOnlyList<JsonElement> All => _heard;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static HubInbox Of(HubConnection hub, string message)
    {
        var inbox = new HubInbox();
        // Cloned: the element handed to the handler lives in the protocol's buffer, which the next message reuses.
        hub.On<JsonElement>(message, m => inbox._arriving.Writer.TryWrite(m.Clone()));
        return inbox;
    }

    /// <summary>A message <paramref name="matches"/> accepts, heard before or within the next 15 s.</summary>
    public async Task<JsonElement> Heard(Func<JsonElement, bool> matches)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                while (_arriving.Reader.TryRead(out var arrived))
                {
                    _heard.Add(arrived);
                }

                foreach (var message in _heard)
                {
                    if (matches(message))
                    {
                        return message;
                    }
                }

                await _arriving.Reader.WaitToReadAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!Cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"The awaited message did not arrive within 15 s; heard instead: [{string.Join(", ", _heard)}]");
        }
    }
}
