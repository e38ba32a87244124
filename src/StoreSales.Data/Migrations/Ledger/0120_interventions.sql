-- Interventions (督导介入): every alert as it now stands, and every step of its life. Kept for the inbox
-- and for the monthly attribution report (interventions raised and not closed are management gaps).

CREATE TABLE intervention (
    alert_id      text PRIMARY KEY,
    condition     text NOT NULL,
    subject_kind  text NOT NULL,
    subject_id    text NOT NULL,
    store_id      text,
    region_id     text,
    severity      text NOT NULL,
    assignee      text NOT NULL,
    status        text NOT NULL,
    level         integer NOT NULL,
    raised_at     timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    outcome       text,
    evidence      jsonb NOT NULL
);

CREATE INDEX intervention_inbox_idx ON intervention (region_id, status, raised_at DESC);

CREATE TABLE intervention_step (
    alert_id     text NOT NULL REFERENCES intervention (alert_id),
    step         integer NOT NULL,
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    actor        text NOT NULL,
    at           timestamptz NOT NULL,
    note         text,
    PRIMARY KEY (alert_id, step)
);
