using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using StoreSales.CommandCenter.Notifications.Channels;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// The Polly pipeline every send goes through (the edge agent's <c>RetryUntilItWorks</c> way: one pipeline, on the
/// injected clock): a timeout per try, and a few quick tries within one round for what may pass (a provider's 5xx or
/// rate limit, an expired token, a dropped connection). What still fails is not retried here for ever: the outbox keeps
/// the row "retrying" with its next round (<c>DeliveryBackoff</c>), so a restart loses no retry.
/// </summary>
public sealed class DeliveryPipeline
{
    private readonly ResiliencePipeline _pipeline;

    public DeliveryPipeline(IOptions<NotificationOptions> options, TimeProvider clock)
    {
        var delivery = options.Value.Delivery;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (delivery.AttemptsPerRound > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = delivery.AttemptsPerRound - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = delivery.RetryDelay,
                UseJitter = true,
            });
        }

        _pipeline = builder.AddTimeout(delivery.SendTimeout).Build();
    }

    public ValueTask<ChannelReceipt> Send(INotificationChannel channel, OutgoingMessage message, string address, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(token => new ValueTask<ChannelReceipt>(channel.Send(message, address, token)), cancellationToken);

    /// <summary>Whether a failure may pass by trying again.</summary>
    public static bool IsTransient(Exception? failure) => failure switch
    {
        null or OperationCanceledException => false,
        ChannelRefusedException refused => refused.Transient,
        TimeoutRejectedException or HttpRequestException or IOException or System.Net.Sockets.SocketException => true,
        MailKit.ProtocolException or MailKit.Net.Smtp.SmtpProtocolException => true,
        _ => false,
    };
}
