-- Store events (issue 10, T4): an event is cancelled, never deleted (attribution and the audit must still find it), and
-- every recording, edit and cancellation is kept with who, when, and the event before and after.
-- Readers of store_event (pacing, decomposition, attribution) take only events with cancelled_at IS NULL.

ALTER TABLE store_event
    ADD COLUMN cancelled_at timestamptz,
    ADD COLUMN cancelled_by text,
    ADD CONSTRAINT store_event_cancelled_by_check CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL));

CREATE INDEX store_event_store_ends_idx ON store_event (store_id, ends_at) WHERE cancelled_at IS NULL;

CREATE TABLE store_event_change (
    change_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    bigint NOT NULL REFERENCES store_event (event_id),
    action      text COLLATE "C" NOT NULL CHECK (action IN ('recorded', 'edited', 'cancelled')),
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL,
    before      jsonb,          -- null when recorded
    after       jsonb NOT NULL
);

CREATE INDEX store_event_change_event_idx ON store_event_change (event_id, change_id);
