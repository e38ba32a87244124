-- Sale lines are written only by the ledger's group commit, in the same statement as their sale and only for sales
-- that statement inserted (SaleLedger / LedgerGroupCommit); the ledger is append-only. The foreign key from a line to
-- its sale therefore checks what is true by construction, at a cost of one trigger call per line: 40 % of the line
-- insert's time (EXPLAIN ANALYZE of a 4,000-sale group, docs/benchmarks.md). The primary key stays.
ALTER TABLE sale_line DROP CONSTRAINT IF EXISTS sale_line_store_id_terminal_id_sequence_fkey;
