-- The hourly rollup's new rows wait here, written with their sales in the same transaction, and are folded into
-- sale_item_hour off the ack path (SaleItemHourFold: one statement that deletes them and upserts their sums).
--
-- Why (issue 13, docs/benchmarks.md "Ledger speed"): upserting sale_item_hour inside every group commit made
-- PostgreSQL's work per sale about twice COPY's; each group's upsert probes the key and writes a new row version and
-- index entry for ~0.75 rollup rows a line. Measured on the benchmark machine with the upsert skipped: durable
-- ingest 18,743 against 13,800 sales/s in the next run. A row here is an append to a heap with no index, and the fold
-- sums many groups' rows into one upsert per store, hour and item.
--
-- The rows keep UTC quarter hours (a quarter hour of UTC lies within one local hour in every time zone): the writer
-- needs no store time zone, and the fold turns them into local hours with PostgreSQL's time-zone data, as before.
-- Units and amounts are whole thousandths and cents, exact at the ledger's scales. Readers of whole hours add these
-- rows to sale_item_hour's (one hash join), so a read is exact at its snapshot whether or not the fold has run.
--
-- No index: nothing looks a row up; the fold reads them all. Vacuumed by the fold after each pass (a queue table
-- whose rows are all deleted every few seconds would otherwise grow between autovacuum's visits, and every fold and
-- read would scan the dead rows).
CREATE TABLE sale_item_hour_pending (
    store_id     text COLLATE "C" NOT NULL,
    quarter_at   timestamptz NOT NULL,
    item_code    text COLLATE "C" NOT NULL,
    milli_units  bigint NOT NULL,
    cents        bigint NOT NULL,
    lines        integer NOT NULL
);

-- The pending rows as sale_item_hour's rows are keyed (a store's local hour; units and amount at the rollup's
-- scales), not yet summed: readers of a store's hours add them to sale_item_hour's.
CREATE VIEW sale_item_hour_pending_local AS
SELECT p.store_id, date_trunc('hour', p.quarter_at AT TIME ZONE st.time_zone) AS local_hour, p.item_code,
       p.milli_units * 0.001 AS units, p.cents * 0.01 AS amount, p.lines
FROM sale_item_hour_pending p
JOIN store st ON st.store_id = p.store_id;
