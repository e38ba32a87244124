-- StoreSales: Orleans ADO.NET query catalogue (matched to Microsoft.Orleans.*.AdoNet 10.4.2).
--
-- The Orleans ADO.NET providers (clustering, grain storage, reminders) send no SQL of
-- their own: at start-up each provider runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards executes the stored text for each operation, binding its parameters by
-- name (@Name). Table and column names here are therefore part of that protocol and must
-- stay exactly as they are. Every later Orleans migration adds its rows to this table.
--
-- Runs under DbUp, once, inside a transaction: plain SQL only.

CREATE TABLE OrleansQuery
(
    -- Name the provider looks the text up by (e.g. InsertMembershipKey).
    QueryKey  varchar(64)   NOT NULL,
    -- The SQL the provider executes; parameters are written as @ParameterName.
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
