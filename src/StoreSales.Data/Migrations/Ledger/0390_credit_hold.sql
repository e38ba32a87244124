-- Credit hold (issue 9; rules in docs/domain.md "Credit hold"): a B2B customer's (kind 'account') credit limit, the
-- receivables and payments finance keeps from the ERP, and the B2B orders the credit check accepted or held. A
-- receivable or payment is known by its document number: importing it again adds nothing, and the same number with
-- other figures is refused, never overwritten. An order is known by the caller's order id, for the same reason.
-- Ids and codes are text COLLATE "C" as in 0210.

-- The limit finance set for a customer; a customer without a row has Credit:DefaultLimit (0: held until one is set).
CREATE TABLE customer_credit (
    customer_id   text COLLATE "C" PRIMARY KEY REFERENCES customer (customer_id),
    credit_limit  numeric(16, 2) NOT NULL CHECK (credit_limit >= 0),
    currency      text COLLATE "C" NOT NULL,
    set_by        text NOT NULL,
    set_at        timestamptz NOT NULL
);

CREATE TABLE receivable (
    document_no  text COLLATE "C" PRIMARY KEY,
    customer_id  text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    amount       numeric(16, 2) NOT NULL CHECK (amount > 0),
    currency     text COLLATE "C" NOT NULL,
    issued_on    date NOT NULL,
    due_on       date NOT NULL CHECK (due_on >= issued_on),
    order_id     text COLLATE "C",                 -- the order this invoices: that order no longer counts as not yet invoiced
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE INDEX receivable_customer_idx ON receivable (customer_id, due_on);
CREATE INDEX receivable_order_idx ON receivable (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE payment (
    document_no  text COLLATE "C" PRIMARY KEY,
    customer_id  text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    amount       numeric(16, 2) NOT NULL CHECK (amount > 0),
    currency     text COLLATE "C" NOT NULL,
    paid_at      timestamptz NOT NULL,
    applied_to   text COLLATE "C" REFERENCES receivable (document_no),  -- null: on account (settles the oldest due first)
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE INDEX payment_customer_idx ON payment (customer_id, paid_at DESC);

-- A B2B order and what the credit check made of it. Held orders wait for their approval request (order-release); the
-- decision releases or cancels them, with who and why, in the deciding transaction.
CREATE TABLE sales_order (
    order_id        text COLLATE "C" PRIMARY KEY,
    customer_id     text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    owner_rep_id    text COLLATE "C" NOT NULL,      -- the customer's owner when it was placed (scope)
    department_id   text COLLATE "C" NOT NULL,
    region_id       text COLLATE "C",               -- the owner rep's store's region (the supervisor who is told)
    amount          numeric(16, 2) NOT NULL CHECK (amount > 0),
    currency        text COLLATE "C" NOT NULL,
    lines           jsonb NOT NULL,
    status          text COLLATE "C" NOT NULL CHECK (status IN ('accepted', 'held', 'released', 'cancelled')),
    hold_reason     text COLLATE "C" CHECK (hold_reason IN ('overdue', 'limit', 'overdue-and-limit')),
    credit_check    jsonb NOT NULL,                 -- the figures the check judged on (limit, used, overdue …)
    placed_by       text NOT NULL,
    placed_at       timestamptz NOT NULL,
    approval_id     bigint REFERENCES approval_request (approval_id),
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text,
    CHECK ((status = 'accepted') = (hold_reason IS NULL)),   -- released and cancelled orders were held first
    CHECK ((status IN ('released', 'cancelled')) = (decided_at IS NOT NULL))
);

CREATE INDEX sales_order_customer_idx ON sales_order (customer_id, placed_at DESC);
CREATE INDEX sales_order_held_idx ON sales_order (placed_at) WHERE status = 'held';
