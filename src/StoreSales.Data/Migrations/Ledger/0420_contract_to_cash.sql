-- Contract to cash (issue 14; rules in docs/domain.md "Contract to cash"): a signed contract of a B2B customer with its
-- receivable plan, and the documents of its five steps contract → shipment → sign-off → invoice → payment. Invoices are
-- the receivables of 0390 and payments its payments (one store for both, so the credit check sees what the match sees):
-- they gain the contract they belong to, and a receivable its purpose (a rebate settlement booked as a receivable is a
-- classic failure the match board names). Every document is known by its document number, as in 0390: importing it
-- again adds nothing, the same number with other figures is refused, and a receivable or payment kept without a
-- contract may be linked to one later (once). Ids and codes are text COLLATE "C" as in 0210.

CREATE TABLE contract (
    contract_id       text COLLATE "C" PRIMARY KEY CHECK (contract_id ~ '[^0-9]'),  -- the ERP's contract number; never purely numeric
    customer_id       text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    opportunity_id    text COLLATE "C" UNIQUE REFERENCES opportunity (opportunity_id),  -- the opportunity that reached contract, if any
    title             text NOT NULL,
    currency          text COLLATE "C" NOT NULL,
    net               numeric(16, 2) NOT NULL CHECK (net > 0),
    tax_rate          numeric(6, 4) NOT NULL CHECK (tax_rate >= 0 AND tax_rate < 1),
    tax               numeric(16, 2) NOT NULL CHECK (tax >= 0),
    gross             numeric(16, 2) NOT NULL CHECK (gross = net + tax),
    payment_terms     text COLLATE "C" NOT NULL,
    signed_on         date NOT NULL,
    first_shipped_on  date,                            -- the earliest shipment: what shipment-anchored instalments count from
    recorded_by       text NOT NULL,
    recorded_at       timestamptz NOT NULL
);

CREATE INDEX contract_customer_idx ON contract (customer_id, signed_on);
CREATE INDEX contract_signed_idx ON contract (signed_on);

-- The receivable plan: one row per step of the payment terms. due_on is null for a shipment-anchored instalment until
-- the contract's first shipment; overdue_raised_at is when the sweep raised instalment-overdue for it (once).
CREATE TABLE contract_instalment (
    contract_id        text COLLATE "C" NOT NULL REFERENCES contract (contract_id),
    seq                integer NOT NULL CHECK (seq > 0),
    percent            numeric(5, 2) NOT NULL CHECK (percent > 0 AND percent <= 100),
    anchor             text COLLATE "C" NOT NULL CHECK (anchor IN ('signing', 'shipment')),
    days               integer NOT NULL CHECK (days >= 0),
    due_on             date,
    net                numeric(16, 2) NOT NULL,
    tax                numeric(16, 2) NOT NULL,
    gross              numeric(16, 2) NOT NULL CHECK (gross = net + tax),
    overdue_raised_at  timestamptz,
    PRIMARY KEY (contract_id, seq),
    CHECK ((anchor = 'signing') <= (due_on IS NOT NULL))
);

CREATE INDEX contract_instalment_unraised_idx ON contract_instalment (due_on) WHERE overdue_raised_at IS NULL AND due_on IS NOT NULL;

CREATE TABLE shipment (
    document_no  text COLLATE "C" PRIMARY KEY,
    customer_id  text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    contract_id  text COLLATE "C" NOT NULL REFERENCES contract (contract_id),
    amount       numeric(16, 2) NOT NULL CHECK (amount > 0),
    currency     text COLLATE "C" NOT NULL,
    shipped_on   date NOT NULL,
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE INDEX shipment_contract_idx ON shipment (contract_id);

-- The customer's sign-off (签收) of goods received, for the amount it signed for, naming the shipment when the ERP does.
CREATE TABLE sign_off (
    document_no  text COLLATE "C" PRIMARY KEY,
    customer_id  text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    contract_id  text COLLATE "C" NOT NULL REFERENCES contract (contract_id),
    shipment_no  text COLLATE "C" REFERENCES shipment (document_no),
    amount       numeric(16, 2) NOT NULL CHECK (amount > 0),
    currency     text COLLATE "C" NOT NULL,
    signed_on    date NOT NULL,
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE INDEX sign_off_contract_idx ON sign_off (contract_id);

ALTER TABLE receivable
    ADD COLUMN contract_id text COLLATE "C" REFERENCES contract (contract_id),
    ADD COLUMN purpose text COLLATE "C" NOT NULL DEFAULT 'sale' CHECK (purpose IN ('sale', 'rebate-settlement'));

ALTER TABLE payment ADD COLUMN contract_id text COLLATE "C" REFERENCES contract (contract_id);

CREATE INDEX receivable_contract_idx ON receivable (contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX receivable_unlinked_idx ON receivable (issued_on) WHERE contract_id IS NULL;
CREATE INDEX payment_contract_idx ON payment (contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX payment_applied_idx ON payment (applied_to) WHERE applied_to IS NOT NULL;
