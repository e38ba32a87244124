-- What each sale said when it was recorded (SaleContentHash: 16 bytes of SHA-256 over every field but its key). A batch
-- sending a (store, terminal, sequence) the ledger holds is a retry when the hashes match, and is refused (409
-- sequence-conflict) when they differ: before, an agent reinstalled with an empty outbox that counted its sequences from 1
-- again had its new sales acked as duplicates and dropped. Sales recorded before this column have no hash and cannot be
-- told apart: a resend of one of them is acked as a duplicate, as before. Nullable, no default: adding it rewrites nothing.
ALTER TABLE sale ADD COLUMN content_hash bytea;
