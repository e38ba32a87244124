-- A daily store × item rollup beside the hourly one (issue 13, docs/design.md "Hot items and the heatmap"), so that
-- "today" reads a store's day so far as its day row less the hours not yet whole, not as every hour since midnight.
--
-- At 5,000 stores late in the day, today's whole hours were ~1.85 million rows of sale_item_hour, the largest part of a
-- heatmap read nobody had looked at (0.84 s from the key, docs/benchmarks.md); a store's day is one row per item it sold
-- that day. sale_item_day holds exactly the folded hours (sale_item_hour) summed per store-local day: every writer of
-- sale_item_hour adds the same sums to it in the same transaction, after its hours and in key order (the fold, the
-- history import). The pending tables (0520) have no day rows: a reader adds them by hour, as before.
--
-- A past week's day is read the same way when most of its hours are whole (the usual of late hours); a window of few
-- whole hours reads them directly. lines counts ledger lines: a reader that subtracts hours knows an item had a line in
-- the hours left (lines > 0) even when its units net to zero, exactly as a row of sale_item_hour says.
CREATE TABLE sale_item_day (
    store_id    text COLLATE "C" NOT NULL,
    local_day   date NOT NULL,
    item_code   text COLLATE "C" NOT NULL,
    units       numeric(16, 3) NOT NULL,
    amount      numeric(18, 2) NOT NULL,
    lines       integer NOT NULL,
    CONSTRAINT sale_item_day_pkey PRIMARY KEY (store_id, local_day, item_code) INCLUDE (units, lines)
) WITH (
    -- As sale_item_hour (0200): updated in place by every fold; vacuumed by row counts, not by a share of a large table.
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 20000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 20000
);

-- Writers wait until the day rows hold their hours (a fold or import running meanwhile adds after this commits).
LOCK TABLE sale_item_hour IN SHARE MODE;

INSERT INTO sale_item_day (store_id, local_day, item_code, units, amount, lines)
SELECT store_id, local_hour::date, item_code, sum(units), sum(amount), sum(lines)
FROM sale_item_hour
GROUP BY 1, 2, 3;

-- The hours subtracted from a day are read from the hourly key alone, lines too.
ALTER TABLE sale_item_hour
    DROP CONSTRAINT sale_item_hour_pkey,
    ADD CONSTRAINT sale_item_hour_pkey PRIMARY KEY (store_id, local_hour, item_code) INCLUDE (units, lines);

-- The pending rows of both tables, for readers that take them apart from the folded hours.
CREATE VIEW sale_item_hour_pending_all AS
    SELECT store_id, local_hour, item_code, units, amount, lines FROM sale_item_hour_pending_0
    UNION ALL
    SELECT store_id, local_hour, item_code, units, amount, lines FROM sale_item_hour_pending_1;
