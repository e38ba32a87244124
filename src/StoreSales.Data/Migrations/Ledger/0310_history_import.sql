-- History import (issue 10; docs/domain.md "History import"): past POS sales from a CSV file into the ledger. The file is
-- read and checked as it is uploaded; its good rows are kept as chunks (whole sales, at most History:Import:ChunkRows rows
-- each, packed binary) and worked in the background, each chunk in one transaction that writes its sales, their lines and
-- the hourly rollup, moves the job on and deletes the chunk. A command center killed mid-way rolls back the chunk it was in;
-- the next one starts from the lowest chunk left. Importing a file again adds nothing: an imported sale's identity is its
-- store, its terminal in the history id space (`hist:` + terminal) and the second it was rung up, and the ledger's primary key
-- keeps the first.

CREATE TABLE history_import_job (
    job_id         text COLLATE "C" PRIMARY KEY,
    file_name      text,
    imported_by    text NOT NULL,
    on_bad_row     text COLLATE "C" NOT NULL CHECK (on_bad_row IN ('skip', 'stop')),
    status         text COLLATE "C" NOT NULL CHECK (status IN ('queued', 'running', 'done')),
    total_rows     bigint NOT NULL CHECK (total_rows >= 0),      -- data rows of the file
    bad_rows       bigint NOT NULL DEFAULT 0 CHECK (bad_rows >= 0),
    chunks         integer NOT NULL CHECK (chunks >= 0),
    chunks_done    integer NOT NULL DEFAULT 0 CHECK (chunks_done BETWEEN 0 AND chunks),
    rows_done      bigint NOT NULL DEFAULT 0 CHECK (rows_done >= 0),  -- good rows whose chunk is written
    sales_added    bigint NOT NULL DEFAULT 0,                    -- sales the ledger did not hold
    sales_held     bigint NOT NULL DEFAULT 0,                    -- sales the ledger held already (a file imported again)
    first_day      date,                                         -- the store-local days the good rows span
    last_day       date,
    submitted_at   timestamptz NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    CHECK (rows_done + bad_rows <= total_rows)
);

CREATE INDEX history_import_job_open_idx ON history_import_job (submitted_at) WHERE status <> 'done';

-- The good rows not yet written, a chunk a row. Stored uncompressed: the bytes are short-lived and compressing them cost
-- CPU that the ledger's insert needs.
CREATE TABLE history_import_chunk (
    job_id        text COLLATE "C" NOT NULL REFERENCES history_import_job (job_id),
    chunk_number  integer NOT NULL CHECK (chunk_number >= 1),
    first_line    bigint NOT NULL,
    rows          integer NOT NULL CHECK (rows >= 1),
    data          bytea NOT NULL,
    PRIMARY KEY (job_id, chunk_number)
);
ALTER TABLE history_import_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

-- The rows that were not imported, with why (the first History:Import:ListedProblems of a file; all are counted in bad_rows).
CREATE TABLE history_import_problem (
    job_id       text COLLATE "C" NOT NULL REFERENCES history_import_job (job_id),
    line_number  bigint NOT NULL,
    field        text,
    reason       text COLLATE "C" NOT NULL,
    message      text NOT NULL,
    PRIMARY KEY (job_id, line_number)
);
