-- StoreSales: Orleans ADO.NET clustering (membership) for Microsoft.Orleans.Clustering.AdoNet 10.4.2.
--
-- What the 10.4.2 provider does with this file:
--   * at start-up it loads every OrleansQuery row and refuses to start unless these nine
--     keys exist: GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey,
--     InsertMembershipVersionKey, UpdateIAmAlivetimeKey, InsertMembershipKey,
--     UpdateMembershipKey, DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey;
--   * CleanupDefunctSiloEntryKey is optional: when present the provider prunes dead silos
--     one row at a time (with the values it just read), otherwise it runs the bulk
--     CleanupDefunctSiloEntriesKey. We ship both.
-- Query texts bind parameters by name; the names used below are exactly the ones the
-- 10.4.2 code adds to each command (checked against the shipped assembly). Result columns
-- are read by name (case-insensitively), so the aliases matter too.
--
-- Deliberately absent: the MetadataJson column and @MetadataJson parameter of later Orleans
-- sources. 10.4.2 never binds @MetadataJson, so a query naming it would fail.
--
-- Silo status codes used below (Orleans SiloStatus): 3 = Active, 6 = Dead.
-- Runs under DbUp, once, inside a transaction: plain SQL and plpgsql functions only.

-- One row per cluster (DeploymentId = ClusterId). Its Version is the optimistic-concurrency
-- token for the whole membership table: every membership change must present the version it
-- read and bumps it by one.
CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port and generation identify it).
CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,  -- long enough for an IPv6 text form
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,      -- gateway port; 0 when the silo is no gateway
    SuspectTimes varchar(8000)  NULL,      -- silo,time|silo,time votes, written by Orleans
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,  -- heartbeat

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- The two membership writes that must change a silo row and the table version together,
-- or neither. Function names, argument names and the TABLE(row_count integer) result follow
-- the Orleans scripts so that a later upstream migration using CREATE OR REPLACE FUNCTION
-- still applies; the bodies are ours.
--
-- Both first lock the version row, and only if it still holds the version the caller read. Under
-- READ COMMITTED a competing writer that bumped the version meanwhile makes the lock find
-- nothing, so exactly one of two racing writers proceeds. Nothing is written before we
-- know the whole operation will succeed, so no savepoint/rollback dance is needed.
-- Result: one row, one column, 1 = done, 0 = lost the race (Orleans re-reads and retries).

CREATE FUNCTION insert_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    SiloNameArg     varchar,
    HostNameArg     varchar,
    StatusArg       integer,
    ProxyPortArg    integer,
    StartTimeArg    timestamptz,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $$
DECLARE
    affected integer;
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable vt
    WHERE vt.DeploymentId = DeploymentIdArg
      AND vt.Version = VersionArg
      AND vt.Version < 2147483647          -- never overflow; report a lost race instead
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    -- A silo incarnation is inserted once; a duplicate is a failed insert, not an error.
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName,
         Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (DeploymentIdArg, AddressArg, PortArg, GenerationArg, SiloNameArg, HostNameArg,
         StatusArg, ProxyPortArg, StartTimeArg, IAmAliveTimeArg)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE OrleansMembershipVersionTable vt
    SET Version = vt.Version + 1,
        Timestamp = now()
    WHERE vt.DeploymentId = DeploymentIdArg;

    RETURN QUERY SELECT 1;
END
$$;

CREATE FUNCTION update_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    StatusArg       integer,
    SuspectTimesArg varchar,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $$
DECLARE
    affected integer;
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable vt
    WHERE vt.DeploymentId = DeploymentIdArg
      AND vt.Version = VersionArg
      AND vt.Version < 2147483647
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    -- The heartbeat is written separately (UpdateIAmAlivetimeKey) and may be newer than
    -- the entry the caller read: never move it backwards.
    UPDATE OrleansMembershipTable m
    SET Status       = StatusArg,
        SuspectTimes = SuspectTimesArg,
        IAmAliveTime = GREATEST(m.IAmAliveTime, IAmAliveTimeArg)
    WHERE m.DeploymentId = DeploymentIdArg
      AND m.Address = AddressArg
      AND m.Port = PortArg
      AND m.Generation = GenerationArg;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE OrleansMembershipVersionTable vt
    SET Version = vt.Version + 1,
        Timestamp = now()
    WHERE vt.DeploymentId = DeploymentIdArg;

    RETURN QUERY SELECT 1;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the version row of the cluster on first start. 1 = created, 0 = already there; both
-- are fine for Orleans.
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS row_count FROM created;
'),

('InsertMembershipKey', '
SELECT row_count FROM insert_membership(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
'),

('UpdateMembershipKey', '
SELECT row_count FROM update_membership(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version);
'),

-- Heartbeat. It does not touch the table version (heartbeats must not invalidate the
-- version other writers hold) and never moves the time backwards. Result is not read.
('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable
SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation;
'),

-- Both reads start from the version row so that Orleans always gets the version, even
-- when no silo row matches (then all silo columns are NULL). One statement = one snapshot.
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
'),

('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
'),

-- Used by clients and silos to find gateways; Orleans passes @Status = 3 (Active).
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0;
'),

-- Wipes a whole cluster (tests / tooling). Silo rows first because of the foreign key.
('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
'),

-- Bulk pruning of old dead silos; required at start-up (dotnet/orleans #8676: released
-- PostgreSQL scripts lack this row and a 10.x silo then refuses to start). 10.4.2 binds only
-- @DeploymentId and @IAmAliveTime (the cut-off). Same meaning as the SQL Server and MySQL
-- scripts of the 10.4 line: only Dead rows whose start and last heartbeat are both older
-- than the cut-off and that carry no suspicion votes (votes may be newer than the cut-off;
-- those rows are left to the per-row query below). Older scripts used "Status != 3", which
-- could also delete Joining/ShuttingDown rows.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND IAmAliveTime < @IAmAliveTime
  AND StartTime < @IAmAliveTime
  AND COALESCE(SuspectTimes, '''') = '''';
'),

-- Per-row pruning (optional key, preferred by 10.4.2 when present). The provider reads all
-- rows, picks Dead ones whose start, heartbeat and every suspicion vote are older than the
-- cut-off, and deletes each only if it is still exactly the row it read (nobody changed it
-- in between). It binds @DeploymentId, @Address, @Port, @Generation, @SuspectTimes,
-- @StartTime and @IAmAliveTime (the values of that row, not the cut-off). The table version is
-- left alone, as in the bulk query: removing a dead silo is not a membership change.
('CleanupDefunctSiloEntryKey', '
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND COALESCE(SuspectTimes, '''') = COALESCE(@SuspectTimes, '''');
');
