-- A member's purchases, newest first, straight from the ledger: the customer page's order history, and later the
-- grading and the "a purchase counts as activity" rule of the pool release (docs/domain.md). Partial, as the reps' index
-- of 0220: a sale without a member pays nothing; a member's sale one more index entry. Built in the migration's
-- transaction (DbUp runs each script in one), so on a large ledger it holds sale inserts once, while it is built.
CREATE INDEX sale_member_time_idx ON sale (member_id, rung_up_at) WHERE member_id IS NOT NULL;
