-- The public pool (公海, issue 8; rules in docs/domain.md, "Dormant customers" and "Public pool claims"): customers
-- released from their owner, and how many customers each rep has claimed from it per calendar day.
--
-- Ids and codes are text COLLATE "C" as in 0210: codes compare bytewise, in the order C#'s ordinal comparison gives.

-- One row per stay of a customer in the pool: released (by dormancy, by hand, by its rep's departure) and, later,
-- claimed by a rep (or given to one as a lead by a manager: claimed_by is then that rep, and no cap counts it). Kept after the claim, not deleted: the former owner's bar runs from released_at, a claim restarts
-- the dormancy count (claimed_at is activity), and who let a customer go and who took it is the supervisor's business.
-- customer.owner_rep_id is left as it was on release (the column is NOT NULL); the open entry is what says "in the pool".
CREATE TABLE pool_entry (
    pool_entry_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id           text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    released_at           timestamptz NOT NULL,
    released_from_rep_id  text COLLATE "C" NOT NULL,  -- the owner when released: barred from claiming it back for a while
    reason                text COLLATE "C" NOT NULL CHECK (reason IN ('dormant', 'released', 'departure')),
    claimed_at            timestamptz CHECK (claimed_at >= released_at),
    claimed_by_rep_id     text COLLATE "C",
    CHECK ((claimed_at IS NULL) = (claimed_by_rep_id IS NULL))
);

-- A customer is in the pool at most once at a time, whatever runs at the same time: two release runs (two command
-- centers, a restart mid-run) both try to insert, the second finds the open entry and adds nothing (ON CONFLICT). A
-- claim locks this open row, so of many simultaneous claims one closes it and the others find it closed.
CREATE UNIQUE INDEX pool_entry_one_open_per_customer ON pool_entry (customer_id) WHERE claimed_at IS NULL;
-- The pool as reps see it: open entries, newest release first.
CREATE INDEX pool_entry_open_released_idx ON pool_entry (released_at DESC) WHERE claimed_at IS NULL;
-- A customer's last claim (activity for the release run).
CREATE INDEX pool_entry_customer_claimed_idx ON pool_entry (customer_id, claimed_at) WHERE claimed_at IS NOT NULL;

-- Claims per rep per calendar day of the chain's time zone (SalesForce:Calendar:TimeZone). A row, not a count(*) of
-- the rep's claims: a claim locks the rep's row of the day (FOR UPDATE) before the cap is checked, so a rep's claims
-- are decided one after another and eight at once against a cap of five make exactly five. Counting rows without a
-- lock would let all eight see four and pass.
CREATE TABLE pool_claim_day (
    rep_id  text COLLATE "C" NOT NULL,
    day     date NOT NULL,
    claims  integer NOT NULL DEFAULT 0 CHECK (claims >= 0),
    PRIMARY KEY (rep_id, day)
);

-- The release run asks, for every customer, whether it was assigned (a lead) since the cut-off. 0230 indexes leads by
-- rep and open leads by customer only; without this that question is a scan of every lead per run.
CREATE INDEX lead_customer_assigned_idx ON lead (customer_id, assigned_at);
