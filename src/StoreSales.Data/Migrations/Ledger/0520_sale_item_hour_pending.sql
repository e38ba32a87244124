-- The live writer no longer upserts the hourly rollup in each group commit (issue 13, docs/benchmarks.md "The rollup
-- folded, not upserted per group").
--
-- Each group commit of live sales upserted ~0.15 rollup rows per ledger line (~1,500 for a group of 1,000 ten-line
-- sales): an index probe, a row update and its WAL record each, a quarter of durable ingest on the benchmark machine.
-- Now the group's sums per store, local hour and item are plain inserts (no key to check) into one of two pending
-- tables, in the same transaction as the sales, so they are as durable and exact as before. A fold
-- (SaleItemHourFold) adds the pending table the writers left behind into sale_item_hour, summed per key, and empties
-- it with TRUNCATE in one transaction, every few seconds: the upserts are now per key and fold (a store's item once
-- per fold, not once per group), and emptying costs no WAL record per row (a DELETE and the vacuum after it cost what
-- the upsert did, measured 2026-12-06).
--
-- Writers pick the table by the clock (Ledger:RollupFoldSeconds periods, alternating); the fold empties the other
-- one. The clock only keeps them apart: a writer that still uses the table being folded waits for the fold's lock and
-- its rows are folded with the table's next round. Readers read sale_item_hour_all, which is the three tables' rows
-- (several rows of one key: every reader sums), so they see every committed sale whichever table holds it; the fold's
-- ACCESS EXCLUSIVE lock makes a single statement see the pending rows either before the fold or in sale_item_hour after
-- it (READ COMMITTED takes a statement's snapshot after its locks; no reader of the rollup runs in REPEATABLE READ,
-- where TRUNCATE's emptiness would show to an older snapshot).
CREATE TABLE sale_item_hour_pending_0 (
    store_id    text COLLATE "C" NOT NULL,
    local_hour  timestamp NOT NULL,
    item_code   text COLLATE "C" NOT NULL,
    units       numeric(16, 3) NOT NULL,
    amount      numeric(18, 2) NOT NULL,
    lines       integer NOT NULL
) WITH (autovacuum_enabled = false); -- emptied by TRUNCATE every few seconds: nothing to vacuum, and an analyze would only hold the fold's lock up

CREATE TABLE sale_item_hour_pending_1 (LIKE sale_item_hour_pending_0 INCLUDING ALL) WITH (autovacuum_enabled = false);

-- The readers probe one store's range of local hours, as on sale_item_hour's key.
CREATE INDEX sale_item_hour_pending_0_store_hour_idx ON sale_item_hour_pending_0 (store_id, local_hour);
CREATE INDEX sale_item_hour_pending_1_store_hour_idx ON sale_item_hour_pending_1 (store_id, local_hour);

CREATE VIEW sale_item_hour_all AS
    SELECT store_id, local_hour, item_code, units, amount, lines FROM sale_item_hour
    UNION ALL
    SELECT store_id, local_hour, item_code, units, amount, lines FROM sale_item_hour_pending_0
    UNION ALL
    SELECT store_id, local_hour, item_code, units, amount, lines FROM sale_item_hour_pending_1;
