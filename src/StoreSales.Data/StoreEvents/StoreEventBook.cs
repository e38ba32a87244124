using System.Text.Json;
using Dapper;
using Npgsql;
using StoreSales.Domain.Targets.StoreEvents;

namespace StoreSales.Data.StoreEvents;

/// <summary>
/// Records, edits and cancels store events, each together with its line in <c>store_event_change</c> (one transaction:
/// no change without its audit line). A cancelled event keeps its row; it no longer counts anywhere.
/// </summary>
public sealed class StoreEventBook(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns =
        "event_id, store_id, kind, starts_at, ends_at, closes_store, expected_uplift, note, recorded_by, recorded_at, cancelled_at, cancelled_by";

    public async Task<StoreEventRecord> Record(string storeId, StoreEventSpec spec, string by, CancellationToken cancellationToken)
    {
        var now = LedgerTime.Now(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, expected_uplift, note, recorded_by, recorded_at)
            VALUES (@storeId, @Kind, @StartsAt, @EndsAt, @ClosesStore, @ExpectedUplift, @Note, @by, @now)
            RETURNING {Columns}
            """,
            new { storeId, spec.Kind, StartsAt = spec.StartsAt.UtcDateTime, EndsAt = spec.EndsAt.UtcDateTime, spec.ClosesStore, spec.ExpectedUplift, spec.Note, by, now = now.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        var recorded = row.ToRecord();
        await Audit(connection, transaction, recorded.EventId, "recorded", by, now, null, recorded.Spec, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    /// <summary>Replaces the event's kind, span, uplift and note; null when there is no such event.</summary>
    public async Task<StoreEventEdit> Edit(long eventId, StoreEventSpec spec, string by, CancellationToken cancellationToken)
    {
        var now = LedgerTime.Now(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await Lock(connection, transaction, eventId, cancellationToken) is not { } before)
        {
            return new StoreEventEdit(null, null);
        }

        if (before.CancelledAt is not null)
        {
            return new StoreEventEdit(before, null);
        }

        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            UPDATE store_event SET kind = @Kind, starts_at = @StartsAt, ends_at = @EndsAt, closes_store = @ClosesStore,
                expected_uplift = @ExpectedUplift, note = @Note
            WHERE event_id = @eventId
            RETURNING {Columns}
            """,
            new { eventId, spec.Kind, StartsAt = spec.StartsAt.UtcDateTime, EndsAt = spec.EndsAt.UtcDateTime, spec.ClosesStore, spec.ExpectedUplift, spec.Note },
            transaction,
            cancellationToken: cancellationToken));
        var after = row.ToRecord();
        await Audit(connection, transaction, eventId, "edited", by, now, before.Spec, after.Spec, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StoreEventEdit(before, after);
    }

    /// <summary>Cancels the event (the row stays); <see cref="StoreEventEdit.After"/> is null when it was already cancelled.</summary>
    public async Task<StoreEventEdit> Cancel(long eventId, string by, CancellationToken cancellationToken)
    {
        var now = LedgerTime.Now(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await Lock(connection, transaction, eventId, cancellationToken) is not { } before)
        {
            return new StoreEventEdit(null, null);
        }

        if (before.CancelledAt is not null)
        {
            return new StoreEventEdit(before, null);
        }

        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"UPDATE store_event SET cancelled_at = @now, cancelled_by = @by WHERE event_id = @eventId RETURNING {Columns}",
            new { eventId, by, now = now.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        await Audit(connection, transaction, eventId, "cancelled", by, now, before.Spec, before.Spec, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StoreEventEdit(before, row.ToRecord());
    }

    public async Task<StoreEventRecord?> Find(long eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM store_event WHERE event_id = @eventId", new { eventId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>The events of the stores that overlap [from, to), earliest first; cancelled ones only when asked.</summary>
    public async Task<IReadOnlyList<StoreEventRecord>> List(IReadOnlyCollection<string> storeIds, DateTimeOffset from, DateTimeOffset to, bool includeCancelled, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM store_event
            WHERE store_id = ANY(@stores) AND starts_at < @to AND ends_at > @from AND (@includeCancelled OR cancelled_at IS NULL)
            ORDER BY starts_at, event_id
            """,
            new { stores = storeIds.ToArray(), from = from.UtcDateTime, to = to.UtcDateTime, includeCancelled },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The event's audit trail, oldest first.</summary>
    public async Task<IReadOnlyList<StoreEventChange>> Changes(long eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ChangeId, long EventId, string Action, string ChangedBy, DateTime ChangedAt, string? Before, string After)>(new CommandDefinition(
            "SELECT change_id, event_id, action, changed_by, changed_at, before::text, after::text FROM store_event_change WHERE event_id = @eventId ORDER BY change_id",
            new { eventId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new StoreEventChange(r.ChangeId, r.EventId, r.Action, r.ChangedBy, LedgerTime.Utc(r.ChangedAt), r.Before, r.After)).ToList();
    }

    private static async Task<StoreEventRecord?> Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, long eventId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM store_event WHERE event_id = @eventId FOR UPDATE", new { eventId }, transaction, cancellationToken: cancellationToken)))?.ToRecord();

    private static async Task Audit(NpgsqlConnection connection, NpgsqlTransaction transaction, long eventId, string action, string by, DateTimeOffset now, StoreEventSpec? before, StoreEventSpec after, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO store_event_change (event_id, action, changed_by, changed_at, before, after)
            VALUES (@eventId, @action, @by, @now, @before::jsonb, @after::jsonb)
            """,
            new { eventId, action, by, now = now.UtcDateTime, before = before is null ? null : JsonSerializer.Serialize(before, Json), after = JsonSerializer.Serialize(after, Json) },
            transaction,
            cancellationToken: cancellationToken));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Row(
        long event_id,
        string store_id,
        string kind,
        DateTime starts_at,
        DateTime ends_at,
        bool closes_store,
        decimal? expected_uplift,
        string? note,
        string recorded_by,
        DateTime recorded_at,
        DateTime? cancelled_at,
        string? cancelled_by)
    {
        public StoreEventRecord ToRecord() => new(
            event_id, store_id, kind, LedgerTime.Utc(starts_at), LedgerTime.Utc(ends_at), closes_store, expected_uplift, note,
            recorded_by, LedgerTime.Utc(recorded_at), cancelled_at is { } c ? LedgerTime.Utc(c) : null, cancelled_by);
    }
}

/// <summary>
/// The outcome of an edit or cancellation: <see cref="Before"/> null when there is no such event, <see cref="After"/>
/// null when it was already cancelled (nothing changed).
/// </summary>
public sealed record StoreEventEdit(StoreEventRecord? Before, StoreEventRecord? After);
