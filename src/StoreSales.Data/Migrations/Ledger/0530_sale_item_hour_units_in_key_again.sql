-- The hourly rollup's primary key carries units again, as from 0210 to 0510, so that the heatmap's readers sum a store's
-- hours from the key alone (issue 13, docs/benchmarks.md "Today's heatmap read from the rollup's key").
--
-- 0510 took units out of the key because the group commit then upserted the rollup in every group (~0.15 updates a
-- ledger line), and an update of an indexed column is never HOT. Since 0520 only the fold updates the rollup, each
-- (store, hour, item) at most once every Ledger:RollupFoldSeconds, a few thousand updates a second at full ingest, so
-- the HOT updates buy little. The reads pay for the heap instead: today's live part at 5,000 stores fetched one heap
-- page for each of its ~1.85 million rollup rows (every store's first sale of an item in an hour inserts a row, so one
-- store's rows are scattered over the pages of their hours): 1.65-1.70 s of a 2.7-3.2 s read, 0.84 s from the key.
ALTER TABLE sale_item_hour
    DROP CONSTRAINT sale_item_hour_pkey,
    ADD CONSTRAINT sale_item_hour_pkey PRIMARY KEY (store_id, local_hour, item_code) INCLUDE (units);
