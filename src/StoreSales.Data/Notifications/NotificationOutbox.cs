using Dapper;
using Npgsql;

namespace StoreSales.Data.Notifications;

/// <summary>A delivery waiting to go out, as a dispatcher claimed it.</summary>
public sealed record DueDelivery(long DeliveryId, string IdempotencyKey, string AlertId, int Level, string PersonId, string Channel, string Condition, int Attempts, DateTime CreatedAt);

/// <summary>An alert as a message words it.</summary>
public sealed record AlertToSend(string AlertId, string Condition, string SubjectKind, string SubjectId, string? StoreId, string? RegionId, string Severity, string Assignee, int Level, string Summary);

/// <summary>A delivery as the admin page lists it.</summary>
public sealed record DeliveryRecord(
    long DeliveryId, string AlertId, int Level, string PersonId, string Channel, string State, int Attempts,
    DateTime CreatedAt, DateTime NextTryAt, DateTime? SentAt, string? ProviderMessageId, string? LastError, long? DigestId);

/// <summary>How many deliveries stand in each state, per channel.</summary>
public sealed record DeliveryCount(string Channel, string State, long Count);

/// <summary>
/// The delivery outbox (<c>notification_delivery</c>): dispatchers claim due rows with <c>FOR UPDATE SKIP LOCKED</c>,
/// so two hosts never hold the same row, and keep each row's state (sent with the provider's message id; retrying
/// with attempts and next try; failed with the provider's error; muted; digested; channel-off when the chain turned
/// its channel off).
/// </summary>
public sealed class NotificationOutbox(NpgsqlDataSource dataSource)
{
    public const string DueChannel = "notification_due";

    /// <summary>
    /// Claims up to <paramref name="limit"/> deliveries due at <paramref name="now"/> on <paramref name="channels"/> (those
    /// this host can send on); they stay locked to this claim until it is disposed (committed). A row another host holds
    /// is skipped, never waited for.
    /// </summary>
    public async Task<DeliveryClaim> ClaimDue(DateTimeOffset now, int limit, IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var due = (await connection.QueryAsync<DueDelivery>(new CommandDefinition(
                """
                SELECT delivery_id AS DeliveryId, idempotency_key AS IdempotencyKey, alert_id AS AlertId, level AS Level,
                       person_id AS PersonId, channel AS Channel, condition AS Condition, attempts AS Attempts, created_at AS CreatedAt
                FROM notification_delivery
                WHERE state IN ('pending', 'retrying') AND next_try_at <= @now AND channel = ANY(@channels)
                ORDER BY next_try_at, delivery_id
                LIMIT @limit
                FOR UPDATE SKIP LOCKED
                """,
                new { now = now.UtcDateTime, limit, channels = channels.ToArray() },
                transaction,
                cancellationToken: cancellationToken))).ToList();
            return new DeliveryClaim(connection, transaction, due);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Marks every waiting delivery on <paramref name="channels"/> (those the chain has turned off) <c>channel-off</c>, with
    /// the reason, instead of leaving it pending for a host that will never come; returns how many per channel. A row
    /// another dispatcher holds is left to it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> MarkChannelsOff(IReadOnlyCollection<string> channels, Func<string, string> reason, CancellationToken cancellationToken)
    {
        var marked = new Dictionary<string, int>(StringComparer.Ordinal);
        if (channels.Count == 0)
        {
            return marked;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var channel in channels)
        {
            var count = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE notification_delivery SET state = 'channel-off', last_error = @reason
                WHERE delivery_id IN (SELECT delivery_id FROM notification_delivery
                                      WHERE state IN ('pending', 'retrying') AND channel = @channel
                                      FOR UPDATE SKIP LOCKED)
                """,
                new { channel, reason = reason(channel) },
                cancellationToken: cancellationToken));
            if (count > 0)
            {
                marked[channel] = count;
            }
        }

        return marked;
    }

    /// <summary>The most recent deliveries, newest first, for the admin page.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> Recent(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<DeliveryRecord>(new CommandDefinition(
            """
            SELECT delivery_id AS DeliveryId, alert_id AS AlertId, level AS Level, person_id AS PersonId, channel AS Channel, state AS State,
                   attempts AS Attempts, created_at AS CreatedAt, next_try_at AS NextTryAt, sent_at AS SentAt,
                   provider_message_id AS ProviderMessageId, last_error AS LastError, digest_id AS DigestId
            FROM notification_delivery ORDER BY delivery_id DESC LIMIT @limit
            """,
            new { limit },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The deliveries of one alert, oldest first.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> OfAlert(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<DeliveryRecord>(new CommandDefinition(
            """
            SELECT delivery_id AS DeliveryId, alert_id AS AlertId, level AS Level, person_id AS PersonId, channel AS Channel, state AS State,
                   attempts AS Attempts, created_at AS CreatedAt, next_try_at AS NextTryAt, sent_at AS SentAt,
                   provider_message_id AS ProviderMessageId, last_error AS LastError, digest_id AS DigestId
            FROM notification_delivery WHERE alert_id = @alertId ORDER BY delivery_id
            """,
            new { alertId },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>How many deliveries stand in each state, per channel.</summary>
    public async Task<IReadOnlyList<DeliveryCount>> Counts(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<DeliveryCount>(new CommandDefinition(
            "SELECT channel AS Channel, state AS State, count(*) AS Count FROM notification_delivery GROUP BY channel, state ORDER BY channel, state",
            cancellationToken: cancellationToken))).ToList();
    }
}
