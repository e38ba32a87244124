-- Quotes (issue 9; rules in docs/domain.md "Quotes"): a quote belongs to an opportunity (0360) and is a line of
-- versions. A version is what a customer is offered: its lines, totals, validity, the discount tier it falls into,
-- the verification code printed on it as a QR code and the SHA-256 of its canonical content. A change makes a new
-- version; once submitted, a version's content never changes again (the trigger below refuses it, whatever the caller).
-- Ids and codes are text COLLATE "C" as in 0210.

-- What an item costs the chain, where known: the approver sees the margin of a quote (list vs cost); null = unknown.
ALTER TABLE item ADD COLUMN unit_cost numeric(14, 2) CHECK (unit_cost >= 0);

CREATE SEQUENCE quote_number_seq;

CREATE TABLE quote (
    quote_number   text COLLATE "C" PRIMARY KEY,   -- Q-{year}-{6 digits}, from quote_number_seq
    opportunity_id text COLLATE "C" NOT NULL REFERENCES opportunity (opportunity_id),
    customer_id    text COLLATE "C" NOT NULL REFERENCES customer (customer_id),
    currency       text COLLATE "C" NOT NULL DEFAULT 'CNY',
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE INDEX quote_opportunity_idx ON quote (opportunity_id);

CREATE TABLE quote_version (
    quote_number      text COLLATE "C" NOT NULL REFERENCES quote (quote_number),
    version           integer NOT NULL CHECK (version > 0),
    customer_name     text NOT NULL,                -- as printed on this version (and sealed with it)
    list_total        numeric(16, 2) NOT NULL CHECK (list_total >= 0),
    net_total         numeric(16, 2) NOT NULL CHECK (net_total >= 0),
    deepest_discount  numeric(5, 2) NOT NULL CHECK (deepest_discount >= 0 AND deepest_discount < 100),  -- percent; decides the tier
    valid_until       date NOT NULL,
    rep_level         text COLLATE "C" NOT NULL,    -- the owner rep's level when the version was made (Quotes:Tiers)
    tier              text COLLATE "C" NOT NULL CHECK (tier IN ('rep', 'director', 'legal-finance')),
    status            text COLLATE "C" NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'superseded')),
    verification_code text COLLATE "C" NOT NULL UNIQUE,  -- HMAC of the canonical content (Quotes:VerificationKey); the QR's /verify/{code}
    document_sha256   bytea NOT NULL CHECK (length(document_sha256) = 32),
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL,
    submitted_by      text,
    submitted_at      timestamptz,
    decided_at        timestamptz,
    PRIMARY KEY (quote_number, version),
    CHECK ((status = 'draft') = (submitted_at IS NULL) OR status = 'superseded')
);

CREATE TABLE quote_line (
    quote_number     text COLLATE "C" NOT NULL,
    version          integer NOT NULL,
    line_no          integer NOT NULL CHECK (line_no > 0),
    item_code        text NOT NULL REFERENCES item (item_code),
    item_name        text NOT NULL,                 -- as printed on the quote, kept with it
    quantity         integer NOT NULL CHECK (quantity > 0),
    list_price       numeric(14, 2) NOT NULL CHECK (list_price >= 0),
    discount_percent numeric(5, 2) NOT NULL CHECK (discount_percent >= 0 AND discount_percent < 100),
    unit_cost        numeric(14, 2),                -- the item's cost when the line was made; null = unknown
    net_amount       numeric(16, 2) NOT NULL CHECK (net_amount >= 0),
    PRIMARY KEY (quote_number, version, line_no),
    FOREIGN KEY (quote_number, version) REFERENCES quote_version (quote_number, version)
);

-- A submitted version's content is fixed: its lines and figures can no longer be changed or removed, only its status
-- move on (approved, rejected, superseded). The application refuses first, with a reason; this is the floor under it.
CREATE FUNCTION quote_version_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'quote_line' THEN
        IF EXISTS (SELECT 1 FROM quote_version v WHERE v.quote_number = OLD.quote_number AND v.version = OLD.version AND v.status <> 'draft') THEN
            RAISE EXCEPTION 'quote % version % is submitted: its lines are fixed', OLD.quote_number, OLD.version USING ERRCODE = 'check_violation';
        END IF;
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF OLD.status <> 'draft' AND (NEW.customer_name, NEW.list_total, NEW.net_total, NEW.deepest_discount, NEW.valid_until, NEW.tier, NEW.verification_code, NEW.document_sha256)
                                 IS DISTINCT FROM (OLD.customer_name, OLD.list_total, OLD.net_total, OLD.deepest_discount, OLD.valid_until, OLD.tier, OLD.verification_code, OLD.document_sha256) THEN
        RAISE EXCEPTION 'quote % version % is submitted: its content is fixed', OLD.quote_number, OLD.version USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER quote_version_fixed BEFORE UPDATE ON quote_version FOR EACH ROW EXECUTE FUNCTION quote_version_fixed();
CREATE TRIGGER quote_line_fixed BEFORE UPDATE OR DELETE ON quote_line FOR EACH ROW EXECUTE FUNCTION quote_version_fixed();

-- Every refused change of a quote (an edit after submission, a submission of a superseded version): who, what, why.
CREATE TABLE quote_refusal (
    refusal_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quote_number text COLLATE "C",
    version      integer,
    actor        text NOT NULL,
    operation    text COLLATE "C" NOT NULL,
    rule         text COLLATE "C" NOT NULL,
    at           timestamptz NOT NULL
);
