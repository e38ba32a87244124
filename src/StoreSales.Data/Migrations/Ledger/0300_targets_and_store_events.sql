-- Targets you can trust (issue 10), the part every target feature shares: the region's monthly target (HQ sets it, the
-- stores' targets are split from it), the audit trail of every target change at any level, and store events (closures,
-- outages, road works, refits, promotions) that pacing, decomposition and attribution all read.
-- Codes compare bytewise (COLLATE "C", as migration 0210 explains).

CREATE TABLE region_target (
    region_id  text COLLATE "C" NOT NULL REFERENCES region (region_id),
    month      date NOT NULL CHECK (extract(day FROM month) = 1),
    amount     numeric(16, 2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (region_id, month)
);

-- Every change of a region's, store's or rep's monthly target, before and after the freeze: who, when, old, new, why.
-- Append-only; the target tables hold the current value, this table how it got there.
CREATE TABLE target_change (
    change_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    level       text COLLATE "C" NOT NULL CHECK (level IN ('region', 'store', 'rep')),
    subject_id  text COLLATE "C" NOT NULL,   -- region_id, store_id or rep_id by level
    month       date NOT NULL CHECK (extract(day FROM month) = 1),
    old_amount  numeric(16, 2),              -- null when the month had no target yet
    new_amount  numeric(16, 2) NOT NULL CHECK (new_amount >= 0),
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL,
    source      text COLLATE "C" NOT NULL CHECK (source IN ('edit', 'calibration', 'request')),
    reason      text
);

CREATE INDEX target_change_subject_idx ON target_change (level, subject_id, month);
CREATE INDEX target_change_month_idx ON target_change (month, changed_at);

-- Something that happened to a store over a span of time. A closing event (weather closure, outage that stops the tills,
-- refit) takes its span out of the store's opening hours for pacing and counts as an objective cause in attribution;
-- a promotion carries the uplift it is expected to bring (0.20 = +20 % over the span).
CREATE TABLE store_event (
    event_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id         text COLLATE "C" NOT NULL REFERENCES store (store_id),
    kind             text COLLATE "C" NOT NULL CHECK (kind IN ('weather-closure', 'outage', 'road-works', 'refit', 'promotion')),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL CHECK (ends_at > starts_at),
    closes_store     boolean NOT NULL,
    expected_uplift  numeric(6, 4) CHECK (expected_uplift IS NULL OR kind = 'promotion'),
    note             text,
    recorded_by      text NOT NULL,
    recorded_at      timestamptz NOT NULL
);

CREATE INDEX store_event_store_span_idx ON store_event (store_id, starts_at);

-- Decomposition (智能目标拆解) and dual-track calibration (双轨校准): StoreSales' proposal of a region's month split into
-- store shares, each with the baseline and each factor's effect, and the regional manager's correction with its reasons.
-- Kept after it is applied: attribution later asks which correction reasons proved wrong.
CREATE TABLE target_proposal (
    proposal_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_id      text COLLATE "C" NOT NULL REFERENCES region (region_id),
    month          date NOT NULL CHECK (extract(day FROM month) = 1),
    region_amount  numeric(16, 2) NOT NULL CHECK (region_amount >= 0),
    proposed_by    text NOT NULL,
    proposed_at    timestamptz NOT NULL,
    status         text COLLATE "C" NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied', 'superseded')),
    applied_by     text,
    applied_at     timestamptz
);

CREATE INDEX target_proposal_region_month_idx ON target_proposal (region_id, month);

CREATE TABLE target_proposal_store (
    proposal_id       bigint NOT NULL REFERENCES target_proposal (proposal_id),
    store_id          text COLLATE "C" NOT NULL REFERENCES store (store_id),
    baseline          numeric(16, 2) NOT NULL,
    factors           jsonb NOT NULL,              -- each factor's effect on the share: [{"factor": "...", "amount": ...}]
    proposed_amount   numeric(16, 2) NOT NULL CHECK (proposed_amount >= 0),
    corrected_amount  numeric(16, 2) CHECK (corrected_amount >= 0),
    reasons           text[] NOT NULL DEFAULT '{}' CHECK (reasons <@ ARRAY['staffing', 'new-customer-penetration', 'competitor-nearby', 'refit-closure-days', 'other']::text[]),
    reason_note       text,                        -- required with 'other'
    corrected_by      text,
    corrected_at      timestamptz,
    PRIMARY KEY (proposal_id, store_id),
    CHECK (corrected_amount IS NULL OR cardinality(reasons) > 0)
);
