using Dapper;
using Npgsql;
using StoreSales.Domain.Notifications;

namespace StoreSales.Data.Notifications;

/// <summary>Keeps each person's notification settings and mutes (<c>notification_person</c>, <c>notification_mute</c>).</summary>
public sealed class NotificationPeople(NpgsqlDataSource dataSource)
{
    public async Task<NotificationSettings?> Find(string personId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await Read(connection, null, [personId], cancellationToken)).GetValueOrDefault(personId);
    }

    /// <summary>Saves the settings and replaces the person's mutes with <see cref="NotificationSettings.Mutes"/>.</summary>
    public async Task Save(NotificationSettings settings, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_person (person_id, culture, time_zone, quiet_start, quiet_end, channels, wecom_user_id,
                                             wecom_robot, dingtalk_robot, email, updated_at)
            VALUES (@PersonId, @Culture, @TimeZone, @QuietStart, @QuietEnd, @Channels, @WeComUserId, @WeComRobot, @DingTalkRobot,
                    @Email, @At)
            ON CONFLICT (person_id) DO UPDATE SET
                culture = excluded.culture, time_zone = excluded.time_zone, quiet_start = excluded.quiet_start,
                quiet_end = excluded.quiet_end, channels = excluded.channels, wecom_user_id = excluded.wecom_user_id,
                wecom_robot = excluded.wecom_robot, dingtalk_robot = excluded.dingtalk_robot, email = excluded.email,
                updated_at = excluded.updated_at
            """,
            new
            {
                settings.PersonId,
                settings.Culture,
                settings.TimeZone,
                QuietStart = settings.Quiet?.Start,
                QuietEnd = settings.Quiet?.End,
                Channels = settings.Channels.ToArray(),
                settings.WeComUserId,
                settings.WeComRobot,
                settings.DingTalkRobot,
                settings.Email,
                At = at.UtcDateTime,
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM notification_mute WHERE person_id = @PersonId", new { settings.PersonId }, transaction, cancellationToken: cancellationToken));
        foreach (var mute in settings.Mutes)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO notification_mute (person_id, condition, until) VALUES (@PersonId, @Condition, @Until)
                ON CONFLICT (person_id, condition) DO UPDATE SET until = excluded.until
                """,
                new { settings.PersonId, mute.Condition, Until = mute.Until.UtcDateTime },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The settings of <paramref name="personIds"/> that have any, by person.</summary>
    internal static async Task<Dictionary<string, NotificationSettings>> Read(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        var people = await connection.QueryAsync<PersonRow>(new CommandDefinition(
            """
            SELECT person_id AS PersonId, culture AS Culture, time_zone AS TimeZone, quiet_start AS QuietStart, quiet_end AS QuietEnd,
                   channels AS Channels, wecom_user_id AS WeComUserId, wecom_robot AS WeComRobot, dingtalk_robot AS DingTalkRobot,
                   email AS Email
            FROM notification_person WHERE person_id = ANY(@ids)
            """,
            new { ids = personIds.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        var mutes = (await connection.QueryAsync<MuteRow>(new CommandDefinition(
            "SELECT person_id AS PersonId, condition AS Condition, until AS Until FROM notification_mute WHERE person_id = ANY(@ids) ORDER BY condition",
            new { ids = personIds.ToArray() },
            transaction,
            cancellationToken: cancellationToken))).ToLookup(m => m.PersonId, StringComparer.Ordinal);
        return people.ToDictionary(
            p => p.PersonId,
            p => new NotificationSettings(
                p.PersonId,
                p.Culture,
                p.TimeZone,
                p.QuietStart is { } start && p.QuietEnd is { } end ? new QuietHours(start, end) : null,
                p.Channels,
                p.WeComUserId,
                p.WeComRobot,
                p.DingTalkRobot,
                p.Email,
                mutes[p.PersonId].Select(m => new ConditionMute(m.Condition, new DateTimeOffset(DateTime.SpecifyKind(m.Until, DateTimeKind.Utc)))).ToList()),
            StringComparer.Ordinal);
    }

    // Settable properties rather than a constructor: Dapper matches constructors by exact column types, and text[]
    // columns report themselves as System.Array.
    private sealed class PersonRow
    {
        public string PersonId { get; set; } = "";
        public string Culture { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public TimeOnly? QuietStart { get; set; }
        public TimeOnly? QuietEnd { get; set; }
        public string[] Channels { get; set; } = [];
        public string? WeComUserId { get; set; }
        public string? WeComRobot { get; set; }
        public string? DingTalkRobot { get; set; }
        public string? Email { get; set; }
    }

    private sealed record MuteRow(string PersonId, string Condition, DateTime Until);
}
