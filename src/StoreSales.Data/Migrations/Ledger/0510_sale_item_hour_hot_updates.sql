-- The hourly rollup's primary key no longer carries units (issue 13, docs/benchmarks.md "HOT updates of the rollup").
--
-- The group commit adds each group's lines to rows of the current hour: in the ingest benchmark ~0.15 rollup updates a
-- ledger line, none of them HOT, because an update that changes a column of any index (units was INCLUDEd in the key
-- since 0210, for index-only reads) must add a new entry to that index and cannot stay on its heap page. With no
-- indexed column changing, PostgreSQL updates in place on the page (a heap-only tuple) and prunes the dead versions
-- there: measured with the writer's upsert on a 10,000-key hour, 1.5x as many upserts a second, ~45 % less WAL per
-- update, and the table staying at its live size instead of growing 30x between vacuums. The readers fetch units from
-- the heap now: today's heatmap at 5,000 stores (HeatmapScaleCheck) read its live part in 1.99-2.21 s against
-- 1.69-2.20 s before, inside its 3 s cold target.
ALTER TABLE sale_item_hour
    DROP CONSTRAINT sale_item_hour_pkey,
    ADD CONSTRAINT sale_item_hour_pkey PRIMARY KEY (store_id, local_hour, item_code);
