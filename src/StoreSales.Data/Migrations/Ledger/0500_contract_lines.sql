-- Contract lines (issue 14; docs/domain.md "Contract to cash", "Contract lines"): a contract may be kept with its lines
-- (item, description, quantity, unit price; the net quantity × unit price to the cent and the line's share of the tax),
-- the contract's net their sum. A shipment, sign-off, invoice or payment may name the line it is for; one that names
-- none matches at contract level as before. The board shows one row per contract line. A line number needs its
-- contract: the foreign key is not checked while contract_id is null, hence the CHECKs.

CREATE TABLE contract_line (
    contract_id  text COLLATE "C" NOT NULL REFERENCES contract (contract_id),
    line_no      integer NOT NULL CHECK (line_no > 0),
    item         text NOT NULL,
    description  text,
    quantity     numeric(14, 3) NOT NULL CHECK (quantity > 0),
    unit_price   numeric(16, 4) NOT NULL CHECK (unit_price > 0),
    net          numeric(16, 2) NOT NULL CHECK (net > 0),
    tax          numeric(16, 2) NOT NULL,
    gross        numeric(16, 2) NOT NULL CHECK (gross = net + tax),
    PRIMARY KEY (contract_id, line_no)
);

ALTER TABLE shipment ADD COLUMN line_no integer, ADD FOREIGN KEY (contract_id, line_no) REFERENCES contract_line (contract_id, line_no);
ALTER TABLE sign_off ADD COLUMN line_no integer, ADD FOREIGN KEY (contract_id, line_no) REFERENCES contract_line (contract_id, line_no);
ALTER TABLE receivable
    ADD COLUMN line_no integer,
    ADD FOREIGN KEY (contract_id, line_no) REFERENCES contract_line (contract_id, line_no),
    ADD CHECK (line_no IS NULL OR contract_id IS NOT NULL);
ALTER TABLE payment
    ADD COLUMN line_no integer,
    ADD FOREIGN KEY (contract_id, line_no) REFERENCES contract_line (contract_id, line_no),
    ADD CHECK (line_no IS NULL OR contract_id IS NOT NULL);
