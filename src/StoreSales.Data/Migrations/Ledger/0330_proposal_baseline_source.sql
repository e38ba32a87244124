-- Decomposition (issue 10, slice T3): where each store's baseline came from, so the page and attribution can say
-- "last year's month", "recent daily sales × the month's days" (a new store) or "the region's average" (not yet selling)
-- without re-deriving it from history that may have changed since.
ALTER TABLE target_proposal_store
    ADD COLUMN baseline_source text COLLATE "C" NOT NULL DEFAULT 'last-year'
        CHECK (baseline_source IN ('last-year', 'recent-run-rate', 'region-average'));
