-- An hourly store × item rollup of the ledger, so views over whole local hours (the HQ "today" heatmap, a store's
-- usual velocity) read a few rows per store and hour instead of every sale line. The ledger's writer keeps it in
-- the same transaction as the sale rows, only for sales that were new (see LedgerGroupCommit.Insert).
--
-- local_hour is the store's wall-clock hour (date_trunc('hour', rung_up_at AT TIME ZONE store.time_zone)): the
-- readers compare local hours, so the same wall-clock window of previous weeks is read across a daylight-saving
-- change.
CREATE TABLE sale_item_hour (
    store_id    text NOT NULL REFERENCES store (store_id),
    local_hour  timestamp NOT NULL,
    item_code   text NOT NULL,
    units       numeric(16, 3) NOT NULL,
    amount      numeric(18, 2) NOT NULL,
    lines       integer NOT NULL,
    PRIMARY KEY (store_id, local_hour, item_code)
);

-- An existing deployment's history. SHARE mode waits for batches already being written and holds new ones until
-- this commits, so no sale falls between the backfill's snapshot and the writer that keeps the rollup. (A writer
-- of the previous version running after this would still miss it: the new version replaces them, not joins them.)
LOCK TABLE sale, sale_line IN SHARE MODE;

INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
SELECT s.store_id, date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone), l.item_code,
       sum(l.quantity), sum(l.amount), count(*)
FROM sale s
JOIN sale_line l ON l.store_id = s.store_id AND l.terminal_id = s.terminal_id AND l.sequence = s.sequence
JOIN store st ON st.store_id = s.store_id
GROUP BY 1, 2, 3;

-- Every reader asks for one store's range of local hours, which the primary key's order serves; this index adds
-- the columns they sum so the range is read from the index alone. Without it each row is a heap fetch, and rows of
-- one store are scattered over the pages of their hour (every store's first sale of an item that hour inserts
-- one): today's heatmap at 5,000 stores fetched ~8 million heap tuples, cold mostly from disk. (The cost to the
-- writer: a second index entry for each new row, and updates of units are no longer HOT.) Built after the backfill:
-- one sort instead of an insert per row.
CREATE INDEX sale_item_hour_store_hour_idx ON sale_item_hour (store_id, local_hour) INCLUDE (item_code, units);
