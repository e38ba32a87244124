-- The nightly grading (issue 8; rules in docs/domain.md, "RFM grade" and "Customer health") and what rep process health
-- reads of a customer's profile.
--
-- Ids are text COLLATE "C" as in 0210.

-- One row per grading date: written in the same transaction as the date's grades, so a date either has all its grades
-- and this row or neither (a run cut off midway leaves nothing and runs again). alerts_done_at is set once every drop
-- of the date has been sent to its owner.
CREATE TABLE grading_run (
    graded_on       date PRIMARY KEY,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    customers       integer NOT NULL CHECK (customers >= 0),
    drops           integer NOT NULL CHECK (drops >= 0),
    alerts_done_at  timestamptz
);

-- Every customer's grade and health score per grading date: the history a customer page draws its health trend from,
-- and the "last score" the next night's drop is measured against. The figures the score came from are kept with it,
-- so anyone can recompute it with the Domain rule (CustomerHealthScore, RfmGrading).
--
-- No foreign key to customer: a million checks a night for ids the same statement has just read from customer.
CREATE TABLE customer_grade (
    graded_on         date NOT NULL,
    customer_id       text COLLATE "C" NOT NULL,
    owner_rep_id      text COLLATE "C" NOT NULL,   -- the owner that night: the one a drop alerts
    grade             char(1) NOT NULL CHECK (grade IN ('A', 'B', 'C')),
    score             smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
    previous_score    smallint,                    -- the score of the previous run, null for a first score
    recency_days      smallint,                    -- days from the last order's date; null without an order in the window
    orders            integer NOT NULL,
    amount            numeric(16, 2) NOT NULL,     -- net, this window
    previous_amount   numeric(16, 2) NOT NULL,     -- net, the window before
    interactions      integer NOT NULL,
    average_response  interval,                    -- lead assignment → first contact; null when no lead was assigned
    health_dropped    boolean NOT NULL,
    alerted_at        timestamptz,
    -- graded_on first: the next run reads one date's rows (the previous scores) as one index range, in customer order.
    PRIMARY KEY (graded_on, customer_id)
);

-- A customer's trend, newest first (the customer page), and "grades of these customers for date D" (the grains).
CREATE INDEX customer_grade_customer_idx ON customer_grade (customer_id, graded_on DESC);
-- Drops still to be alerted: a handful per night, found without reading the night's million rows.
CREATE INDEX customer_grade_unalerted_idx ON customer_grade (graded_on, customer_id) WHERE health_dropped AND alerted_at IS NULL;

-- The run reads the ledger's last 60 days. The ledger is appended in time order, so a BRIN index (a few kilobytes per
-- gigabyte, next to nothing to maintain on the ingest path) lets it read only those days' blocks instead of the whole
-- ledger; the btree indexes of 0220/0250 lead with a rep or member and cannot narrow a time range by themselves.
-- (Interactions and leads are read by time through the btree indexes 0260 added.)
CREATE INDEX sale_rung_up_brin ON sale USING brin (rung_up_at);

-- Profile fields rep process health counts (SalesForce:ProcessHealth:MemberProfileFields / AccountProfileFields) that
-- 0230 has no column for. Nullable: empty until a page or the import fills them. IF NOT EXISTS because another branch
-- of issue 8 (the customer page) may add the same fields.
ALTER TABLE customer ADD COLUMN IF NOT EXISTS address text;
ALTER TABLE customer ADD COLUMN IF NOT EXISTS birthday date;
ALTER TABLE customer ADD COLUMN IF NOT EXISTS industry text;
ALTER TABLE customer ADD COLUMN IF NOT EXISTS contact_person text;

-- Rep process health counts a rep's follow-up actions due in a week, done or not; 0230 indexes only the open ones.
CREATE INDEX interaction_action_due_idx ON interaction (rep_id, next_action_due) WHERE next_action_due IS NOT NULL;
