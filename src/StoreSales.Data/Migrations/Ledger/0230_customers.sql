-- Customers of the sales force (issue 8; rules in docs/domain.md, "The sales force"): one customer, one id, with the
-- keys that make it so, the interactions reps record, the leads they are given, and the audit of merges and exports.
--
-- Ids and codes are text COLLATE "C" as in 0210: codes compare bytewise, in the order C#'s ordinal comparison gives.
-- Reps are referenced by rep_id text without a foreign key for now: the rep table lands with 0220_sales_reps.sql
-- (another branch); the keys to it are added once both are in.

CREATE TABLE customer (
    customer_id     text COLLATE "C" PRIMARY KEY CHECK (customer_id ~ '[^0-9]'),  -- never purely numeric (Orleans string keys)
    kind            text NOT NULL CHECK (kind IN ('member', 'account')),
    display_name    text NOT NULL,                -- as typed, for people to read
    normalized_name text NOT NULL,                -- CustomerName.Normalize: what deduplication compares
    phone           text,                         -- E.164 (+8613800138000)
    credit_code     text COLLATE "C",             -- unified social credit code, 18 characters, check character valid
    member_code     text COLLATE "C",             -- the POS member code the tills send as member_id
    owner_rep_id    text COLLATE "C" NOT NULL,    -- customer ownership (客户主权): the rep who serves it
    department_id   text COLLATE "C" NOT NULL,    -- the sales team it belongs to; only its reps may claim it from the pool
    service_from    date NOT NULL,                -- the service period the customer was created with
    service_to      date CHECK (service_to >= service_from),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- The CSV import's row key (file and row, or the source system's own id): importing the same row again finds this
    -- customer instead of adding one. NULLs are distinct, so customers created by hand have none and never collide.
    import_row_key  text COLLATE "C" UNIQUE,
    -- Set when this record was merged into another: the row stays (its id may be on sales, links and in the audit),
    -- but it is no customer any more. Everything that lists customers reads merged_into IS NULL.
    merged_into     text COLLATE "C" REFERENCES customer (customer_id),
    CHECK (merged_into IS DISTINCT FROM customer_id)
);

CREATE INDEX customer_owner_idx ON customer (owner_rep_id) WHERE merged_into IS NULL;
CREATE INDEX customer_department_idx ON customer (department_id) WHERE merged_into IS NULL;

-- The deduplication keys of CustomerKeys.Of (member:…, uscc:…, phone:…, name:…), each held by exactly one customer.
-- The primary key is what makes "one customer, one id" hold under concurrent creates: two requests for the same
-- phone both try to insert phone:+86…; the second waits for the first to commit and then finds the key taken. A
-- check-then-insert in the application could not promise that. A merge moves the merged customer's keys here.
CREATE TABLE customer_key (
    key          text COLLATE "C" PRIMARY KEY,
    customer_id  text COLLATE "C" NOT NULL REFERENCES customer (customer_id)
);

CREATE INDEX customer_key_customer_idx ON customer_key (customer_id);

-- What a rep recorded with a customer. The time is the server's when it was recorded, not the client's: a first
-- contact cannot be backdated into the golden 48 hours.
CREATE TABLE interaction (
    interaction_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id          text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    rep_id               text COLLATE "C" NOT NULL,
    kind                 text NOT NULL CHECK (kind IN ('call', 'visit', 'message', 'note')),
    at                   timestamptz NOT NULL,
    outcome              text,
    note                 text,
    next_action          text,
    next_action_due      date,                    -- a calendar date in the chain's time zone (follow-up closure counts by it)
    next_action_done_at  timestamptz,
    CHECK ((next_action IS NULL) = (next_action_due IS NULL))
);

-- A customer's timeline, newest first, and "last activity" for dormancy.
CREATE INDEX interaction_customer_at_idx ON interaction (customer_id, at DESC);
-- Open follow-ups by due date (follow-up closure, "due for follow-up" on the rep's board).
CREATE INDEX interaction_open_action_idx ON interaction (rep_id, next_action_due) WHERE next_action_due IS NOT NULL AND next_action_done_at IS NULL;

-- A customer given to a rep as a lead: the golden 48 hours run from assigned_at until first_contact_at. A lead is open
-- until its first contact; closed leads are kept (lead response within 24 h is measured from them).
CREATE TABLE lead (
    lead_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id       text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    rep_id            text COLLATE "C" NOT NULL,
    assigned_at       timestamptz NOT NULL,
    first_contact_at  timestamptz CHECK (first_contact_at >= assigned_at)
);

-- One open lead per customer, held by the database whatever the callers do at the same time.
CREATE UNIQUE INDEX lead_one_open_per_customer ON lead (customer_id) WHERE first_contact_at IS NULL;
CREATE INDEX lead_rep_idx ON lead (rep_id, assigned_at DESC);

-- Every merge of two customer records: which was kept, which was merged into it, by whom, when and why.
CREATE TABLE customer_merge (
    merge_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kept_id      text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    merged_id    text COLLATE "C" NOT NULL UNIQUE REFERENCES customer (customer_id),  -- a record is merged once
    merged_by    text NOT NULL,
    merged_at    timestamptz NOT NULL,
    reason       text NOT NULL CHECK (reason <> ''),
    CHECK (kept_id <> merged_id)
);

-- Every export of customer contact details, allowed or refused (a refusal is audited too): who, when, with which
-- filter, how many rows.
CREATE TABLE customer_export_audit (
    export_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    exported_by  text NOT NULL,
    exported_at  timestamptz NOT NULL,
    filter       jsonb NOT NULL,
    row_count    integer NOT NULL CHECK (row_count >= 0),
    allowed      boolean NOT NULL
);

CREATE INDEX customer_export_audit_at_idx ON customer_export_audit (exported_at DESC);
