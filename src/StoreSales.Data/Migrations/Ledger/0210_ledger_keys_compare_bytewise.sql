-- Identifiers compare byte by byte, and the hourly rollup keeps one index instead of two (issue 13, docs/benchmarks.md
-- "What the profiler and EXPLAIN showed").
--
-- Store, region, terminal and item codes are codes, not words: nobody sorts them by a language's rules, yet every
-- B-tree insert and every sort of the ledger's writer compared them with the database's locale (strcoll per
-- comparison: a tenth of PostgreSQL's CPU during ingest under perf). "C" compares bytes, which for these ASCII codes
-- is also the order C#'s ordinal comparison gives. Columns compared with one of these take "C" too (PostgreSQL
-- combines the default collation with "C" into "C"), so no query changes. Changing a column's collation rebuilds its
-- indexes, not the table.
ALTER TABLE region ALTER COLUMN region_id TYPE text COLLATE "C";
ALTER TABLE store ALTER COLUMN store_id TYPE text COLLATE "C", ALTER COLUMN region_id TYPE text COLLATE "C";
ALTER TABLE store_api_key ALTER COLUMN store_id TYPE text COLLATE "C";
ALTER TABLE store_target ALTER COLUMN store_id TYPE text COLLATE "C";
ALTER TABLE item ALTER COLUMN item_code TYPE text COLLATE "C";
ALTER TABLE sale
    ALTER COLUMN store_id TYPE text COLLATE "C",
    ALTER COLUMN terminal_id TYPE text COLLATE "C",
    ALTER COLUMN cashier_id TYPE text COLLATE "C",
    ALTER COLUMN member_id TYPE text COLLATE "C",
    ALTER COLUMN rep_id TYPE text COLLATE "C";
ALTER TABLE sale_line
    ALTER COLUMN store_id TYPE text COLLATE "C",
    ALTER COLUMN terminal_id TYPE text COLLATE "C",
    ALTER COLUMN item_code TYPE text COLLATE "C";
ALTER TABLE board_token ALTER COLUMN store_id TYPE text COLLATE "C";
ALTER TABLE intervention ALTER COLUMN store_id TYPE text COLLATE "C", ALTER COLUMN region_id TYPE text COLLATE "C";

-- Nothing reads sale_line by item code alone (the heatmap reads the rollup, a cell's sales go through the sale's
-- key), yet the index cost an insert per line.
DROP INDEX sale_line_item_idx;

-- The rollup's readers ask for one store's range of local hours and read item and units: the primary key itself
-- carries units now (INCLUDE), so one index serves both the writer's upsert and the readers' index-only scans. The
-- separate covering index of 0180 cost the writer a second index entry for every new and every updated row. The
-- foreign key to store is dropped: a rollup row is only written with its sale, whose own foreign key has checked the
-- store in the same statement (a trigger call per rollup row saved).
ALTER TABLE sale_item_hour DROP CONSTRAINT sale_item_hour_store_id_fkey;
DROP INDEX sale_item_hour_store_hour_idx;
ALTER TABLE sale_item_hour
    ALTER COLUMN store_id TYPE text COLLATE "C",
    ALTER COLUMN item_code TYPE text COLLATE "C",
    DROP CONSTRAINT sale_item_hour_pkey,
    ADD CONSTRAINT sale_item_hour_pkey PRIMARY KEY (store_id, local_hour, item_code) INCLUDE (units);
