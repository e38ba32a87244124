using Dapper;
using Npgsql;

namespace StoreSales.Data.Notifications;

/// <summary>
/// Deliveries one dispatcher holds (row locks in an open transaction) while it sends them, and the writes that record
/// each outcome; disposing commits. A row marked sent here is never claimed again; if the host dies before the
/// commit, the rows fall back to their last state and are sent again (at least once, the idempotency key with them).
/// </summary>
public sealed class DeliveryClaim(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DueDelivery> due) : IAsyncDisposable
{
    public IReadOnlyList<DueDelivery> Due => due;

    /// <summary>
    /// Whether this claim may work one person's channel now: a transaction-scoped advisory lock, so two hosts holding
    /// different rows of the same person never both send that person a digest.
    /// </summary>
    public async Task<bool> TryHoldPersonChannel(string personId, string channel, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_try_advisory_xact_lock(hashtextextended('notification:' || @personId || '/' || @channel, 0))",
            new { personId, channel }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Claims every other delivery due for the person on the channel (beyond the batch), so that a storm goes out as
    /// one digest rather than one per batch. Call only while holding <see cref="TryHoldPersonChannel"/>.
    /// </summary>
    public async Task<IReadOnlyList<DueDelivery>> RestOf(string personId, string channel, DateTimeOffset now, IReadOnlyCollection<long> claimed, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<DueDelivery>(new CommandDefinition(
            """
            SELECT delivery_id AS DeliveryId, idempotency_key AS IdempotencyKey, alert_id AS AlertId, level AS Level,
                   person_id AS PersonId, channel AS Channel, condition AS Condition, attempts AS Attempts, created_at AS CreatedAt
            FROM notification_delivery
            WHERE person_id = @personId AND channel = @channel AND state IN ('pending', 'retrying') AND next_try_at <= @now
              AND delivery_id <> ALL(@claimed)
            ORDER BY delivery_id
            FOR UPDATE SKIP LOCKED
            """,
            new { personId, channel, now = now.UtcDateTime, claimed = claimed.ToArray() },
            transaction,
            cancellationToken: cancellationToken))).ToList();

    public Task<Dictionary<string, NotificationSettings>> People(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken) =>
        NotificationPeople.Read(connection, transaction, personIds, cancellationToken);

    public async Task<Dictionary<string, AlertToSend>> Alerts(IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<AlertToSend>(new CommandDefinition(
            """
            SELECT alert_id AS AlertId, condition AS Condition, subject_kind AS SubjectKind, subject_id AS SubjectId, store_id AS StoreId,
                   region_id AS RegionId, severity AS Severity, assignee AS Assignee, level AS Level, evidence->>'summary' AS Summary
            FROM intervention WHERE alert_id = ANY(@ids)
            """,
            new { ids = alertIds.ToArray() }, transaction, cancellationToken: cancellationToken)))
        .ToDictionary(a => a.AlertId, StringComparer.Ordinal);

    /// <summary>Deliveries queued for the person on the channel since <paramref name="since"/> (muted ones not counted).</summary>
    public Task<int> OpenedSince(string personId, string channel, DateTimeOffset since, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM notification_delivery WHERE person_id = @personId AND channel = @channel AND created_at > @since AND state <> 'muted'",
            new { personId, channel, since = since.UtcDateTime }, transaction, cancellationToken: cancellationToken));

    public async Task<DateTimeOffset?> LastDigestAt(string personId, string channel, CancellationToken cancellationToken)
    {
        var at = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT max(sent_at) FROM notification_digest WHERE person_id = @personId AND channel = @channel",
            new { personId, channel }, transaction, cancellationToken: cancellationToken));
        return at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
    }

    public Task Sent(long deliveryId, DateTimeOffset at, string? providerMessageId, CancellationToken cancellationToken) =>
        Update("state = 'sent', attempts = attempts + 1, sent_at = @at, provider_message_id = @providerMessageId, last_error = NULL",
            new { deliveryId, at = at.UtcDateTime, providerMessageId }, cancellationToken);

    public Task Muted(long deliveryId, CancellationToken cancellationToken) =>
        Update("state = 'muted'", new { deliveryId }, cancellationToken);

    /// <summary>Not sent yet, and not a failure: it waits (quiet hours, a digest window, a channel without its address).</summary>
    public Task Postponed(long deliveryId, DateTimeOffset until, string? reason, CancellationToken cancellationToken) =>
        Update("next_try_at = @until, last_error = coalesce(@reason, last_error)", new { deliveryId, until = until.UtcDateTime, reason }, cancellationToken);

    public Task Retrying(long deliveryId, DateTimeOffset nextTry, string error, CancellationToken cancellationToken) =>
        Update("state = 'retrying', attempts = attempts + 1, next_try_at = @nextTry, last_error = @error",
            new { deliveryId, nextTry = nextTry.UtcDateTime, error }, cancellationToken);

    public Task Failed(long deliveryId, string error, CancellationToken cancellationToken) =>
        Update("state = 'failed', attempts = attempts + 1, last_error = @error", new { deliveryId, error }, cancellationToken);

    /// <summary>Records one digest sent in place of <paramref name="deliveryIds"/>, and marks them digested by it.</summary>
    public async Task Digested(string personId, string channel, IReadOnlyList<long> deliveryIds, DateTimeOffset at, string? providerMessageId, CancellationToken cancellationToken)
    {
        var digestId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO notification_digest (person_id, channel, alert_count, sent_at, provider_message_id)
            VALUES (@personId, @channel, @count, @at, @providerMessageId) RETURNING digest_id
            """,
            new { personId, channel, count = deliveryIds.Count, at = at.UtcDateTime, providerMessageId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_delivery SET state = 'digested', attempts = attempts + 1, sent_at = @at, digest_id = @digestId,
                   provider_message_id = @providerMessageId, last_error = NULL
            WHERE delivery_id = ANY(@ids)
            """,
            new { ids = deliveryIds.ToArray(), at = at.UtcDateTime, digestId, providerMessageId }, transaction, cancellationToken: cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.CommitAsync();
        }
        finally
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private Task<int> Update(string set, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE notification_delivery SET {set} WHERE delivery_id = @deliveryId", parameters, transaction, cancellationToken: cancellationToken));
}
