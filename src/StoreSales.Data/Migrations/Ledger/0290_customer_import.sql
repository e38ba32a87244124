-- CSV import of customers (issue 8; docs/domain.md "Customer import"): a job per uploaded file, its rows as uploaded,
-- and one outcome per row. The command center works a job in chunks, each chunk one transaction that writes the
-- chunk's customers, their keys, the rows' outcomes and the job's progress together: a command center killed
-- mid-way rolls back the chunk it was in and its successor starts again from `done`, so every row ends with exactly
-- one outcome. Importing the same file again adds nothing: the row key is `customer.import_row_key` (0230).

CREATE TABLE customer_import_job (
    job_id        text COLLATE "C" PRIMARY KEY,
    file_name     text,
    imported_by   text NOT NULL,
    -- The importer's scope at upload (roles, stores, departments, rep id): each row is judged by it later, in the
    -- background, exactly as a create by that person would be (CustomerAccessRule.CanCreate).
    importer      jsonb NOT NULL,
    status        text NOT NULL CHECK (status IN ('queued', 'running', 'done')),
    total         integer NOT NULL CHECK (total >= 0),
    done          integer NOT NULL DEFAULT 0 CHECK (done BETWEEN 0 AND total),
    created       integer NOT NULL DEFAULT 0,
    already_imported integer NOT NULL DEFAULT 0,
    duplicates    integer NOT NULL DEFAULT 0,
    rejected      integer NOT NULL DEFAULT 0,
    submitted_at  timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    CHECK (created + already_imported + duplicates + rejected = done)
);

-- The worker looks for unfinished jobs, oldest first.
CREATE INDEX customer_import_job_open_idx ON customer_import_job (submitted_at) WHERE status <> 'done';

-- The rows as uploaded (text, unchecked): the worker reads them chunk by chunk in row order. `problem` holds what was
-- wrong with the line itself (its field count), found while reading the file.
CREATE TABLE customer_import_row (
    job_id         text COLLATE "C" NOT NULL REFERENCES customer_import_job (job_id),
    row_number     integer NOT NULL CHECK (row_number >= 1),
    row_key        text,
    kind           text,
    name           text,
    phone          text,
    credit_code    text,
    member_code    text,
    owner_rep_id   text,
    department_id  text,
    service_from   text,
    service_to     text,
    problem        text,
    PRIMARY KEY (job_id, row_number)
);

-- One outcome per row: created (customer_id is the new customer), already-imported (its row key made customer_id
-- before), duplicate (a key is held by customer_id; matched_by names the key), rejected (field and reason say why).
CREATE TABLE customer_import_outcome (
    job_id       text COLLATE "C" NOT NULL REFERENCES customer_import_job (job_id),
    row_number   integer NOT NULL,
    outcome      text NOT NULL CHECK (outcome IN ('created', 'already-imported', 'duplicate', 'rejected')),
    customer_id  text COLLATE "C",
    matched_by   text,
    field        text,
    reason       text,
    message      text,
    PRIMARY KEY (job_id, row_number),
    CHECK ((outcome = 'rejected') = (customer_id IS NULL))
);

-- A duplicate of a customer that an earlier chunk of the same job made names that row ("row 2 of this file").
CREATE INDEX customer_import_outcome_created_idx ON customer_import_outcome (customer_id) WHERE outcome = 'created';
