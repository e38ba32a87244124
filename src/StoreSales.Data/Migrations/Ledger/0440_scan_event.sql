-- Scans as the stores' edge agents read them (issue 11, "Scans stream in"; docs/domain.md "Scans"): one row per valid
-- scan, identified like a sale by (store, terminal, sequence) with its own per-terminal sequence, so a batch sent again
-- after an agent crash or a lost ack inserts nothing the second time (ON CONFLICT DO NOTHING). Append-only.
-- code: the item's GTIN (GTIN-13 where the symbol carried a GTIN-14 with a leading zero), a variable-measure label's
-- item code, or a member id (kind 'member'). scanned_at is the agent's clock when the scanner delivered the scan.
CREATE TABLE scan_event (
    store_id     text COLLATE "C" NOT NULL REFERENCES store (store_id),
    terminal_id  text COLLATE "C" NOT NULL,
    sequence     bigint NOT NULL CHECK (sequence > 0),
    scanned_at   timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    code         text COLLATE "C" NOT NULL,
    symbology    text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('gtin', 'gs1', 'variable-measure', 'member')),
    weight_kg    numeric(12, 3),
    PRIMARY KEY (store_id, terminal_id, sequence)
);

-- The store grain's hot-item window is read by store and time when it activates; so will the scan-vs-receipt check.
CREATE INDEX scan_event_store_time_idx ON scan_event (store_id, scanned_at);
