-- placeholder: replaced by the rollup migration (with backfill) from the rollup branch
CREATE TABLE sale_item_hour (
    store_id    text NOT NULL REFERENCES store (store_id),
    local_hour  timestamp NOT NULL,
    item_code   text NOT NULL,
    units       numeric(16, 3) NOT NULL,
    amount      numeric(18, 2) NOT NULL,
    lines       integer NOT NULL,
    PRIMARY KEY (store_id, local_hour, item_code)
);
