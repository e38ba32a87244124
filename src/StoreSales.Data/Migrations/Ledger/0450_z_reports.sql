-- Day-end reports (Z, 日结) of the stores' tills (issue 11, docs/domain.md "Day-end reconciliation"). One per store,
-- terminal and business day: the key makes a Z sent again a no-op. last_sequence is the agent's last sale sequence of
-- the terminal when the Z arrived; the next day's Z covers the sequences above it.

CREATE TABLE z_report (
    store_id            text NOT NULL,
    terminal_id         text NOT NULL,
    business_day        date NOT NULL,
    z_number            text,
    closed_at           timestamptz NOT NULL,
    captured_at         timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    last_sequence       bigint NOT NULL CHECK (last_sequence >= 0),
    sale_count          integer NOT NULL CHECK (sale_count >= 0),
    gross               numeric(16, 2) NOT NULL,
    returns             numeric(16, 2) NOT NULL,
    voids               integer NOT NULL CHECK (voids >= 0),
    tenders             jsonb NOT NULL DEFAULT '[]',
    rejected_sequences  bigint[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (store_id, terminal_id, business_day),
    FOREIGN KEY (store_id) REFERENCES store (store_id)
);

-- The reconciliation page reads a store's days newest first.
CREATE INDEX z_report_store_day_idx ON z_report (store_id, business_day DESC);
