-- The live customer grain (issue 8; rules in docs/domain.md, "Dormant customers", and the design in docs/design.md,
-- "Customers hear of what happens"): the training pool dormant customers are routed to, and the indexes the dormancy
-- sweep finds day-30 and day-180 crossings with.
--
-- Ids and codes are text COLLATE "C" as in 0210.

-- The training pool (培训池): customers dormant for SalesForce:Dormancy:DormantAfterDays (180) calendar days, a list
-- new reps practise on. A table of its own, not a pool_entry reason: a dormant customer has been in the public pool
-- since day 45 and stays claimable there (a rep who wins it back is welcome); the training pool is a second list, not
-- a second place. One row per stay; entered by the customer grain once per dormancy episode (the last activity it
-- counts from), left when activity restarts it (a claim, a lead, a counting interaction or purchase).
CREATE TABLE training_pool_entry (
    training_pool_entry_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id             text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    entered_at              timestamptz NOT NULL,
    idle_since              timestamptz NOT NULL,  -- the last activity its 180 days count from
    left_at                 timestamptz CHECK (left_at >= entered_at)
);

-- In the training pool at most once at a time, whatever runs at the same time (a sweep and a reminder tick, two silos).
CREATE UNIQUE INDEX training_pool_entry_one_open_per_customer ON training_pool_entry (customer_id) WHERE left_at IS NULL;
-- The training pool as it is listed: open entries, newest first.
CREATE INDEX training_pool_entry_open_idx ON training_pool_entry (entered_at DESC) WHERE left_at IS NULL;

-- The dormancy sweep asks which customers had their last activity in a window of time (one sweep period, 30 or 180
-- days ago). The tables are indexed by customer; these answer "what happened between two moments" with a range scan
-- instead of reading every customer's history once an hour.
CREATE INDEX customer_created_idx ON customer (created_at) WHERE merged_into IS NULL;
CREATE INDEX interaction_at_idx ON interaction (at);
CREATE INDEX lead_assigned_idx ON lead (assigned_at);
CREATE INDEX pool_entry_claimed_idx ON pool_entry (claimed_at) WHERE claimed_at IS NOT NULL;
