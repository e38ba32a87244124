-- Sales force II (issue 9; rules in docs/domain.md "Opportunities" and "Approvals"): the opportunities reps work, every
-- stage move with who, when and the evidence it rested on, the evidence files themselves, and the approvals that
-- several kinds of request share (an opportunity entering contract above the approval amount, a quote beyond the rep's
-- discount authority, an order held for credit). Quotes (0380) and credit (0390) add their own tables.
-- Ids and codes are text COLLATE "C" as in 0210.

CREATE TABLE opportunity (
    opportunity_id   text COLLATE "C" PRIMARY KEY CHECK (opportunity_id ~ '[^0-9]'),  -- never purely numeric (Orleans string keys)
    customer_id      text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    owner_rep_id     text COLLATE "C" NOT NULL,    -- the rep who works it (scope: the rep, their team's managers, HQ)
    department_id    text COLLATE "C" NOT NULL,    -- the sales team it belongs to (the owner's, when it was created)
    product_line     text COLLATE "C" NOT NULL,    -- chooses the stage path (Opportunities:ProductLines)
    title            text NOT NULL CHECK (length(btrim(title)) > 0),
    amount           numeric(16, 2) NOT NULL CHECK (amount >= 0),
    currency         text COLLATE "C" NOT NULL DEFAULT 'CNY',
    stage            text COLLATE "C" NOT NULL,    -- a stage of its product line's path
    stage_entered_at timestamptz NOT NULL,
    last_activity_at timestamptz NOT NULL,         -- a move, evidence or recorded activity: what ageing counts from
    outcome          text COLLATE "C" CHECK (outcome IN ('won', 'lost')),  -- null while open
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE INDEX opportunity_owner_idx ON opportunity (owner_rep_id, stage) WHERE outcome IS NULL;
CREATE INDEX opportunity_department_idx ON opportunity (department_id, stage) WHERE outcome IS NULL;
CREATE INDEX opportunity_customer_idx ON opportunity (customer_id);

-- Every stage move, forward or back, kept: who, when, from, to, and the evidence files it rested on.
CREATE TABLE opportunity_move (
    opportunity_id text COLLATE "C" NOT NULL REFERENCES opportunity (opportunity_id),
    seq            integer NOT NULL CHECK (seq > 0),
    from_stage     text COLLATE "C",               -- null for the opportunity's creation
    to_stage       text COLLATE "C" NOT NULL,
    actor          text NOT NULL,
    at             timestamptz NOT NULL,
    note           text,
    evidence_ids   bigint[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (opportunity_id, seq)
);

-- Evidence files (a signed needs-confirmation sheet, meeting minutes): the bytes, their SHA-256 and the media type read
-- from the bytes themselves (never from the name). Served only to viewers in the opportunity's scope.
CREATE TABLE opportunity_evidence (
    evidence_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    opportunity_id text COLLATE "C" NOT NULL REFERENCES opportunity (opportunity_id),
    stage          text COLLATE "C" NOT NULL,      -- the stage it was uploaded in
    requirement    text COLLATE "C" NOT NULL,      -- which of the stage's required documents it is (configuration)
    file_name      text NOT NULL,
    media_type     text COLLATE "C" NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes     integer NOT NULL CHECK (size_bytes > 0),
    sha256         bytea NOT NULL CHECK (length(sha256) = 32),
    content        bytea NOT NULL,
    uploaded_by    text NOT NULL,
    uploaded_at    timestamptz NOT NULL
);

CREATE INDEX opportunity_evidence_opportunity_idx ON opportunity_evidence (opportunity_id, stage);

-- One approval request of any kind: who must decide (every role in required_roles, in any order), by when (the SLA),
-- and who asked. The subject (an opportunity, a quote version, an order) is named by kind + subject_id; the kind's own
-- code applies the outcome in the deciding transaction. region_id and department_id scope who sees it.
CREATE TABLE approval_request (
    approval_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text COLLATE "C" NOT NULL,      -- ApprovalKinds: contract-entry, quote, order-release
    subject_id     text COLLATE "C" NOT NULL,
    customer_id    text COLLATE "C" REFERENCES customer (customer_id),
    department_id  text COLLATE "C",
    region_id      text COLLATE "C",
    amount         numeric(16, 2),
    required_roles text[] NOT NULL CHECK (cardinality(required_roles) > 0),
    summary        jsonb NOT NULL DEFAULT '{}',    -- what the approver is shown beside the request (kind-specific)
    requested_by   text NOT NULL,
    requested_at   timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,           -- past it, a pending request escalates in the inbox
    status         text COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    decided_at     timestamptz,
    CHECK ((status = 'pending') = (decided_at IS NULL))
);

-- At most one pending request per subject and kind: asking twice finds the first.
CREATE UNIQUE INDEX approval_request_pending_subject_idx ON approval_request (kind, subject_id) WHERE status = 'pending';
CREATE INDEX approval_request_pending_idx ON approval_request (due_at) WHERE status = 'pending';

-- Each required role's decision, with its reason. One per role: a role decides once.
CREATE TABLE approval_decision (
    approval_id  bigint NOT NULL REFERENCES approval_request (approval_id),
    role         text COLLATE "C" NOT NULL,
    decided_by   text NOT NULL,
    approve      boolean NOT NULL,
    reason       text NOT NULL CHECK (length(btrim(reason)) > 0),
    at           timestamptz NOT NULL,
    PRIMARY KEY (approval_id, role)
);
