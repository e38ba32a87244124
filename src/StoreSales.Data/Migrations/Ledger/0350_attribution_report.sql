-- The monthly attribution report (目标达成归因报告, issue 10): generated on the chain's GenerateOnDay for the month before
-- by the attribution grain's reminder, kept so that HQ reads (and exports) the same figures every time. One report per
-- month; a re-run replaces it whole in one transaction (the per-store rows go with their report).
-- Codes compare bytewise (COLLATE "C", as migration 0210 explains).

CREATE TABLE attribution_report (
    month         date PRIMARY KEY CHECK (extract(day FROM month) = 1),
    generated_at  timestamptz NOT NULL,
    stores        integer NOT NULL,
    settings      jsonb NOT NULL          -- the Targets:Attribution thresholds and SLA the report was split by
);

-- One store's month: target, actual, the gap's split into objective causes, management gaps and the unexplained rest,
-- and each cause ([{side, kind, source, hours, estimatedCost, explained}]) for the drill-down.
CREATE TABLE attribution_store (
    month        date NOT NULL REFERENCES attribution_report (month) ON DELETE CASCADE,
    store_id     text COLLATE "C" NOT NULL REFERENCES store (store_id),
    region_id    text COLLATE "C" NOT NULL REFERENCES region (region_id),
    target       numeric(16, 2) NOT NULL,
    actual       numeric(16, 2) NOT NULL,
    objective    numeric(16, 2) NOT NULL CHECK (objective >= 0),
    management   numeric(16, 2) NOT NULL CHECK (management >= 0),
    unexplained  numeric(16, 2) NOT NULL CHECK (unexplained >= 0),
    causes       jsonb NOT NULL,
    PRIMARY KEY (month, store_id)
);

CREATE INDEX attribution_store_region_idx ON attribution_store (month, region_id);
