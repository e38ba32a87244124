-- StoreSales: Orleans ADO.NET grain storage for Microsoft.Orleans.Persistence.AdoNet 10.4.2.
--
-- What the 10.4.2 provider does with this file:
--   * at start-up it loads WriteToStorageKey, ReadFromStorageKey and ClearStorageKey (all
--     required) and DeleteStorageKey (required only when DeleteStateOnClear = true);
--   * every operation binds @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
--     @GrainTypeString, @GrainIdExtensionString, @ServiceId; writes and clears add
--     @GrainStateVersion (NULL = never stored), writes add @PayloadBinary;
--   * it reads PayloadBinary and Version by name from a read, NewGrainStateVersion by name
--     from a write, and the first column from a clear/delete.
-- 10.4.2 stores every serializer output (binary, JSON, ...) in PayloadBinary; the PayloadJson
-- and PayloadXml columns of old Orleans scripts are never bound or read, so they are absent.
--
-- Row identity (what "the same grain state" means), as computed by the provider:
--   ServiceId + GrainTypeString + grain key (GrainIdN0, GrainIdN1, GrainIdExtensionString).
-- GrainTypeString is NOT the grain class: it is the state name handed to the storage
-- provider (dotnet/orleans #8746, #9737), and the grain key is only the key part of the
-- GrainId (Guid / integer / string key), without the grain type. Two grain types that use
-- the same key and the same state name therefore share one row: give every persistent
-- state a name unique across grain types. The two *Hash columns are the provider hashes of
-- grain key and state name, only there to keep the index narrow.
--
-- ETag contract: Version is the ETag. A write must present the version it read; the result
-- is the new version, or the unchanged/NULL version when it lost (Orleans then throws
-- InconsistentStateException).
-- Runs under DbUp, once, inside a transaction: plain SQL and plpgsql functions only.

CREATE TABLE OrleansStorage
(
    GrainIdHash            integer        NOT NULL,
    GrainIdN0              bigint         NOT NULL,
    GrainIdN1              bigint         NOT NULL,
    GrainTypeHash          integer        NOT NULL,
    GrainTypeString        varchar(512)   NOT NULL,  -- the state name, see above
    GrainIdExtensionString varchar(512)   NULL,      -- string key / key extension
    ServiceId              varchar(150)   NOT NULL,
    PayloadBinary          bytea          NULL,      -- NULL after ClearState
    ModifiedOn             timestamptz    NOT NULL DEFAULT now(),  -- informational only
    Version                integer        NULL
);

-- Lookups go by the two hashes; the remaining identity columns only weed out collisions.
CREATE INDEX IX_OrleansStorage ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Upsert with optimistic concurrency. Function and argument names follow the Orleans
-- scripts (10.x, binary payload only); the body is ours.
CREATE FUNCTION writetostorage(
    _grainidhash            integer,
    _grainidn0              bigint,
    _grainidn1              bigint,
    _graintypehash          integer,
    _graintypestring        varchar,
    _grainidextensionstring varchar,
    _serviceid              varchar,
    _grainstateversion      integer,
    _payloadbinary          bytea)
RETURNS TABLE (newgrainstateversion integer)
LANGUAGE plpgsql
AS $$
DECLARE
    affected integer;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        -- The grain read (or wrote) this state before: replace it only if nobody else
        -- did so since. The row lock taken by UPDATE makes a concurrent writer re-check the
        -- Version after we commit, so at most one of them wins.
        UPDATE OrleansStorage s
        SET PayloadBinary = _payloadbinary,
            ModifiedOn    = now(),
            Version       = s.Version + 1
        WHERE s.GrainIdHash = _grainidhash
          AND s.GrainTypeHash = _graintypehash
          AND s.GrainIdN0 = _grainidn0
          AND s.GrainIdN1 = _grainidn1
          AND s.GrainTypeString = _graintypestring
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
          AND s.ServiceId = _serviceid
          AND s.Version = _grainstateversion;
        GET DIAGNOSTICS affected = ROW_COUNT;

        -- Unchanged version = conflict for Orleans.
        RETURN QUERY SELECT CASE WHEN affected > 0 THEN _grainstateversion + 1
                                 ELSE _grainstateversion END;
        RETURN;
    END IF;

    -- First write of this state. Two activations of the same grain (split brain) could
    -- both get here; "insert if absent" alone is not race-free under READ COMMITTED, and
    -- a duplicate row would make every later read of this grain fail. Serialise first
    -- writes per hash pair for the rest of this transaction; the INSERT below then runs
    -- with a fresh snapshot and sees a row the other writer committed.
    PERFORM pg_advisory_xact_lock(_grainidhash, _graintypehash);

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT _grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring,
           _grainidextensionstring, _serviceid, _payloadbinary, now(), 1
    WHERE NOT EXISTS
    (
        SELECT 1
        FROM OrleansStorage s
        WHERE s.GrainIdHash = _grainidhash
          AND s.GrainTypeHash = _graintypehash
          AND s.GrainIdN0 = _grainidn0
          AND s.GrainIdN1 = _grainidn1
          AND s.GrainTypeString = _graintypestring
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
          AND s.ServiceId = _serviceid
    );
    GET DIAGNOSTICS affected = ROW_COUNT;

    -- NULL (equal to the NULL ETag presented) = conflict: the state already existed.
    RETURN QUERY SELECT CASE WHEN affected > 0 THEN 1 END;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('WriteToStorageKey', '
SELECT newgrainstateversion AS NewGrainStateVersion
FROM writetostorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
'),

-- No row = never stored (Orleans creates a default state with a NULL ETag).
('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId;
'),

-- ClearState (DeleteStateOnClear = false, the default): keep the row, drop the payload and
-- move the version on, so a stale activation still cannot overwrite it. No row returned =
-- conflict.
('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    ModifiedOn    = now(),
    Version       = Version + 1
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
'),

-- ClearState with DeleteStateOnClear = true: remove the row. Orleans only needs a value
-- that differs from the ETag it sent (it then resets its ETag to NULL so the next write
-- inserts); no row returned = conflict.
('DeleteStorageKey', '
DELETE FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
');
