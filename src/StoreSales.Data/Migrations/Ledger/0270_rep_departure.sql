-- Offboarding hand-over (离职交接, issue 8; rules in docs/domain.md, "Offboarding hand-over"): a rep's departure and, for
-- each customer the rep owned when it started, the hand-over to one to three successors.
--
-- Ids and codes are text COLLATE "C" as in 0210: codes compare bytewise, in the order C#'s ordinal comparison gives.

-- One departure per rep, ever: the unique key is what makes "a departure for a rep already departing or gone is refused"
-- hold when two managers start it at the same moment (the second insert finds the first's row and is answered 409).
-- completed_at is set when the departure's last hand-over is completed: the rep is gone from then (rep.active false,
-- rep.departed_at set in the same transaction).
CREATE TABLE rep_departure (
    departure_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rep_id            text COLLATE "C" NOT NULL UNIQUE REFERENCES rep (rep_id),
    reason            text NOT NULL CHECK (reason <> ''),
    last_working_day  date,
    started_at        timestamptz NOT NULL,
    started_by        text NOT NULL,
    due_at            timestamptz NOT NULL CHECK (due_at > started_at),  -- started_at + SalesForce:HandOver:DueWithin
    completed_at      timestamptz CHECK (completed_at >= started_at)
);

-- One customer's hand-over. The stage and the notes are snapshots taken when the departure started (what the customer
-- was then, whatever happens to it meanwhile); stage is the one confirmed on the hand-over form (null until then),
-- notes_included how many of the snapshot's notes were confirmed as handed over. successors[1] becomes the owner on
-- completion; the others are co-successors who get the pack too.
CREATE TABLE customer_handover (
    handover_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    departure_id      bigint NOT NULL REFERENCES rep_departure (departure_id),
    customer_id       text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    departing_rep_id  text COLLATE "C" NOT NULL,
    stage_snapshot    text COLLATE "C" NOT NULL,
    stage             text COLLATE "C",
    notes             jsonb NOT NULL DEFAULT '[]',
    notes_available   integer NOT NULL CHECK (notes_available >= 0),
    notes_included    integer NOT NULL DEFAULT 0 CHECK (notes_included >= 0),
    successors        text[] COLLATE "C" NOT NULL DEFAULT '{}',
    due_at            timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    completed_at      timestamptz,
    completed_by      text,
    UNIQUE (departure_id, customer_id),
    CHECK ((completed_at IS NULL) = (completed_by IS NULL))
);

-- The worklist: a departure's hand-overs, a successor's hand-overs, a customer's open hand-over (the pool's release
-- leaves a customer alone while its hand-over is open).
CREATE INDEX customer_handover_departure_idx ON customer_handover (departure_id);
CREATE INDEX customer_handover_successors_idx ON customer_handover USING gin (successors);
CREATE INDEX customer_handover_open_customer_idx ON customer_handover (customer_id) WHERE completed_at IS NULL;
-- A completed hand-over restarts the customer's dormancy count, as an assignment does (the release run asks by customer).
CREATE INDEX customer_handover_completed_customer_idx ON customer_handover (customer_id, completed_at) WHERE completed_at IS NOT NULL;
