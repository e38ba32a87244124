-- Master data of the chain: regions, stores, items, per-store API keys and monthly targets.

CREATE TABLE region (
    region_id   text PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE store (
    store_id    text PRIMARY KEY CHECK (store_id ~ '[^0-9]'),  -- never purely numeric (Orleans string keys)
    name        text NOT NULL,
    region_id   text NOT NULL REFERENCES region (region_id),
    latitude    double precision,
    longitude   double precision,
    time_zone   text NOT NULL,
    opens       time NOT NULL,
    closes      time NOT NULL CHECK (closes > opens)
);

CREATE INDEX store_region_idx ON store (region_id);

-- Keys are random secrets; only their SHA-256 is kept, so a leaked table does not leak keys.
CREATE TABLE store_api_key (
    key_hash    bytea PRIMARY KEY,
    store_id    text NOT NULL REFERENCES store (store_id),
    label       text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE item (
    item_code   text PRIMARY KEY,
    name        text NOT NULL,
    unit_price  numeric(14, 2)
);

-- One row per store and month; month is the first day of the month.
CREATE TABLE store_target (
    store_id    text NOT NULL REFERENCES store (store_id),
    month       date NOT NULL CHECK (extract(day FROM month) = 1),
    amount      numeric(16, 2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (store_id, month)
);
