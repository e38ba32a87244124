-- Freeze day (目标冻结日, docs/domain.md "Sales targets"): after a month's targets freeze, a change is a request
-- (requester, new value, reason) that the configured approver role approves or rejects; an approval writes the target
-- and its target_change row (source 'request') in the decision's transaction. The requester never decides their own.
CREATE TABLE target_change_request (
    request_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    level          text COLLATE "C" NOT NULL CHECK (level IN ('region', 'store', 'rep')),
    subject_id     text COLLATE "C" NOT NULL,
    month          date NOT NULL CHECK (extract(day FROM month) = 1),
    current_amount numeric(16, 2),               -- the target when the request was made (null: none yet)
    new_amount     numeric(16, 2) NOT NULL CHECK (new_amount >= 0),
    reason         text NOT NULL CHECK (length(btrim(reason)) > 0),
    requested_by   text NOT NULL,
    requested_at   timestamptz NOT NULL,
    status         text COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by     text,
    decided_at     timestamptz,
    decision_note  text,
    CHECK ((status = 'pending') = (decided_by IS NULL)),
    CHECK (decided_by IS NULL OR decided_by <> requested_by)
);

CREATE INDEX target_change_request_pending_idx ON target_change_request (requested_at) WHERE status = 'pending';
CREATE INDEX target_change_request_month_idx ON target_change_request (month, level, subject_id);

-- An approved request's audit row names the request it came from (0300's table gains the link; null for edits and
-- calibrations).
ALTER TABLE target_change ADD COLUMN request_id bigint REFERENCES target_change_request (request_id);
