-- The sales ledger: append-only, one row per sale and per line. (store, terminal, sequence) is the identity
-- the edge agent gives a sale; the primary key makes a retried batch a no-op.

CREATE TABLE sale (
    store_id           text NOT NULL REFERENCES store (store_id),
    terminal_id        text NOT NULL,
    sequence           bigint NOT NULL CHECK (sequence > 0),
    kind               text NOT NULL CHECK (kind IN ('sale', 'return', 'void')),
    receipt_number     text,
    rung_up_at         timestamptz NOT NULL,
    captured_at        timestamptz NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    cashier_id         text,
    member_id          text,
    rep_id             text,
    total              numeric(16, 2) NOT NULL,
    original_sequence  bigint,
    tenders            jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (store_id, terminal_id, sequence)
);

CREATE INDEX sale_store_time_idx ON sale (store_id, rung_up_at);

CREATE TABLE sale_line (
    store_id      text NOT NULL,
    terminal_id   text NOT NULL,
    sequence      bigint NOT NULL,
    line_number   integer NOT NULL,
    item_code     text NOT NULL,
    quantity      numeric(14, 3) NOT NULL,
    unit_price    numeric(14, 2) NOT NULL,
    discount      numeric(14, 2) NOT NULL DEFAULT 0,
    amount        numeric(16, 2) NOT NULL,
    PRIMARY KEY (store_id, terminal_id, sequence, line_number),
    FOREIGN KEY (store_id, terminal_id, sequence) REFERENCES sale (store_id, terminal_id, sequence)
);

CREATE INDEX sale_line_item_idx ON sale_line (item_code);
