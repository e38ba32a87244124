-- The sales force's reps and their monthly targets (issue 8), and what a rep grain needs to rebuild its figures
-- from the ledger. Codes are codes: they compare bytewise (COLLATE "C", as migration 0210 explains).

CREATE TABLE rep (
    rep_id         text COLLATE "C" PRIMARY KEY CHECK (rep_id ~ '[^0-9]'),  -- never purely numeric (Orleans string keys)
    name           text NOT NULL,
    store_id       text COLLATE "C" NOT NULL REFERENCES store (store_id),  -- the store (team) whose manager leads the rep and whose pace the rep's targets follow
    department_id  text COLLATE "C" NOT NULL,
    level          text COLLATE "C" NOT NULL,
    active         boolean NOT NULL DEFAULT true,
    departed_at    timestamptz
);

CREATE INDEX rep_store_idx ON rep (store_id);

-- One row per rep and month; month is the first day of the month (as store_target).
CREATE TABLE rep_target (
    rep_id  text COLLATE "C" NOT NULL REFERENCES rep (rep_id),
    month   date NOT NULL CHECK (extract(day FROM month) = 1),
    amount  numeric(16, 2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (rep_id, month)
);

-- A rep grain counts its sales in memory and checkpoints now and then, like a store grain; on activation (and when the
-- ingest API tells it to catch up after a lost call) it counts the rep's sales of the month from the ledger. Without
-- this index that read is a scan of every store's month: a rep's sales come from any terminal of any store, so the
-- sale primary key and (store_id, rung_up_at) do not narrow it. With it, one index range per read: the rep's month.
--
-- Its cost: one index entry per sale that carries a rep, written with the sale in the ledger's group commit. It is
-- partial, so sales without a rep (the great majority at most tills) pay nothing: no entry, no write, no bloat.
-- Built here without CONCURRENTLY (DbUp runs each script in a transaction): on a large existing ledger the build
-- blocks sale inserts while it reads the table once; plan the upgrade outside opening hours.
CREATE INDEX sale_rep_time_idx ON sale (rep_id, rung_up_at) WHERE rep_id IS NOT NULL;
