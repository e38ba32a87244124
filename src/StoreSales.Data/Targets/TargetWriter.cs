using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Data.Targets;

/// <summary>
/// The one write path of monthly targets at every level (docs/domain.md "Sales targets"): each target row and its
/// <c>target_change</c> audit row (who, when, old, new, why, source) in one transaction, a whole batch or nothing. The
/// freeze is enforced here, not only in the pages: an edit or calibration of a frozen month is refused; only an
/// approved change request (<see cref="TargetChangeRequests"/>) writes one then.
/// </summary>
/// <remarks>
/// A calibration applies a region's whole store split as one batch. Subjects are locked in a fixed order (level, then id)
/// so two batches touching the same stores never wait for each other in a circle. A write that leaves a value as it was
/// changes nothing and writes no audit row.
/// </remarks>
public sealed class TargetWriter(NpgsqlDataSource dataSource, IOptions<TargetFreezeOptions> freeze, IOptions<ChainCalendarOptions> calendar, [FromKeyedServices(TargetClock.Key)] TimeProvider clock)
{
    /// <summary>Applies <paramref name="writes"/> as <paramref name="actor"/> from <paramref name="source"/> (edit or calibration).</summary>
    public async Task<TargetWriteResult> Apply(IReadOnlyList<TargetWrite> writes, string actor, TargetChangeSource source, CancellationToken cancellationToken)
    {
        if (source == TargetChangeSource.Request)
        {
            throw new ArgumentException("A request's change is applied by its approval (TargetChangeRequests.Decide).", nameof(source));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await ApplyIn(connection, transaction, writes, actor, source, requestId: null, cancellationToken);
        if (result is TargetsWritten)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The batch inside the caller's transaction; the caller commits (or rolls back on a refusal).</summary>
    internal async Task<TargetWriteResult> ApplyIn(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TargetWrite> writes, string actor, TargetChangeSource source, long? requestId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(TargetLevel, string, DateOnly)>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (TargetChangeRule.CheckAmount(write.NewAmount, Field(writes, i, "amount")) is { } refused)
            {
                return new TargetWriteRefused(i, write, refused);
            }

            if (!seen.Add((write.Level, write.SubjectId, TargetMonth.Of(write.Month))))
            {
                return new TargetWriteRefused(i, write, new TargetRefused(TargetRefusal.Duplicate, Field(writes, i, "subjectId"), $"The batch sets {TargetCodes.Of(write.Level)} '{write.SubjectId}' twice."));
            }
        }

        var order = Enumerable.Range(0, writes.Count).OrderBy(i => writes[i].Level).ThenBy(i => writes[i].SubjectId, StringComparer.Ordinal).ToList();
        var subjects = new TargetSubject[writes.Count];
        foreach (var i in order)
        {
            var subject = await TargetSubject.Find(connection, writes[i].Level, writes[i].SubjectId, transaction, cancellationToken);
            if (subject is null)
            {
                return new TargetSubjectUnknown(i, writes[i]);
            }

            subjects[i] = subject;
        }

        // The time after the locks: a change that committed while this one waited is older than it.
        var now = LedgerTime.Now(clock);
        var changes = new List<TargetChanged>();
        foreach (var i in order)
        {
            var write = writes[i];
            var month = TargetMonth.Of(write.Month);
            if (source != TargetChangeSource.Request
                && TargetChangeRule.CheckEdit(write.NewAmount, subjects[i].FreezesAt(month, calendar.Value.Zone(), freeze.Value), now, Field(writes, i, "amount")) is { } frozen)
            {
                return new TargetWriteRefused(i, write, frozen with { Field = Field(writes, i, "month") });
            }

            var (table, key) = TargetTables.Of(write.Level);
            var monthKey = TargetTables.Key(month);
            var old = await connection.ExecuteScalarAsync<decimal?>(new CommandDefinition(
                $"SELECT amount FROM {table} WHERE {key} = @id AND month = @month", new { id = write.SubjectId, month = monthKey }, transaction, cancellationToken: cancellationToken));
            if (old == write.NewAmount)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO {table} ({key}, month, amount) VALUES (@id, @month, @amount)
                ON CONFLICT ({key}, month) DO UPDATE SET amount = excluded.amount;
                INSERT INTO target_change (level, subject_id, month, old_amount, new_amount, changed_by, changed_at, source, reason, request_id)
                VALUES (@level, @id, @month, @old, @amount, @actor, @now, @source, @reason, @requestId);
                """,
                new
                {
                    id = write.SubjectId,
                    month = monthKey,
                    amount = write.NewAmount,
                    level = TargetCodes.Of(write.Level),
                    old,
                    actor,
                    now,
                    source = TargetCodes.Of(source),
                    reason = string.IsNullOrWhiteSpace(write.Reason) ? null : write.Reason.Trim(),
                    requestId,
                },
                transaction,
                cancellationToken: cancellationToken));
            changes.Add(new TargetChanged(write.Level, write.SubjectId, subjects[i].RegionId, subjects[i].StoreId, month, old, write.NewAmount));
        }

        return new TargetsWritten(changes);
    }

    // A single write's field is the request body's; in a batch the row is named too.
    private static string Field(IReadOnlyList<TargetWrite> writes, int index, string field) => writes.Count == 1 ? field : $"targets[{index}].{field}";
}
