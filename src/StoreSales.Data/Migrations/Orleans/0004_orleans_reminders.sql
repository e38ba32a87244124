-- StoreSales: Orleans ADO.NET reminders for Microsoft.Orleans.Reminders.AdoNet 10.4.2.
--
-- What the 10.4.2 provider does with this file:
--   * at start-up it requires ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key,
--     ReadRangeRows2Key, UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey;
--   * it binds @ServiceId plus, per query, @GrainId (GrainId.ToString(), i.e. "type/key":
--     unlike grain storage, reminders are keyed by grain type AND key), @ReminderName,
--     @StartTime, @Period (milliseconds, sent as int, or bigint when larger), @GrainHash,
--     @BeginHash/@EndHash (unsigned hashes sent as signed int), @Version (the ETag);
--   * it reads GrainId, ReminderName, StartTime, Period (as int64) and Version by name.
-- The cron/priority columns of later Orleans sources (advanced reminders) are not used by
-- 10.4.2 and are absent.
-- Runs under DbUp, once, inside a transaction: plain SQL only.

CREATE TABLE OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,  -- milliseconds
    GrainHash    integer        NOT NULL,  -- ring position; each silo reads its own range
    Version      integer        NOT NULL,  -- ETag

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Every silo periodically reads the reminders of its ring range; without this index those
-- reads scan the whole service.
CREATE INDEX IX_RemindersTable_ServiceId_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Register or re-register: one atomic statement, returns the new ETag (0 on first insert).
('UpsertReminderRowKey', '
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = excluded.StartTime,
    Period    = excluded.Period,
    GrainHash = excluded.GrainHash,
    Version   = r.Version + 1
RETURNING r.Version AS Version;
'),

('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId;
'),

('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
  AND ReminderName = @ReminderName;
'),

-- Ring range that does not wrap (in signed order BeginHash < EndHash): (Begin, End].
('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash
  AND GrainHash <= @EndHash;
'),

-- Ring range that wraps around: (Begin, max] plus [min, End].
('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
'),

-- Unregister, only if the caller holds the current ETag. One row, one column:
-- 1 = deleted, 0 = not found or ETag stale.
('DeleteReminderRowKey', '
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
)
SELECT count(*)::integer FROM deleted;
'),

-- Drops every reminder of the service (tests / tooling).
('DeleteReminderRowsKey', '
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId;
');
