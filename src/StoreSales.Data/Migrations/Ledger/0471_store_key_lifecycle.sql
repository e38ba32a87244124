-- Store keys an operator can run (issue 12): issued, listed, rotated and revoked by an administrator (API, admin page,
-- command-center CLI). A key is still stored only as its SHA-256. key_id names it without the secret (the first 12 hex
-- digits of the hash, derived as board tokens' are, so keys issued before this migration get one too); prefix is the
-- key's first characters, shown so an operator can tell which key an agent's configuration holds (empty for keys issued
-- before). expires_at ends a rotated key's overlap: the old key works until then, the new one from its issue on.
ALTER TABLE store_api_key
    ADD COLUMN key_id text GENERATED ALWAYS AS (substr(encode(key_hash, 'hex'), 1, 12)) STORED,
    ADD COLUMN prefix text NOT NULL DEFAULT '',
    ADD COLUMN issued_by text,
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN revoked_by text,
    ADD COLUMN replaced_by text;

CREATE UNIQUE INDEX ux_store_api_key_id ON store_api_key (key_id);
CREATE INDEX ix_store_api_key_store ON store_api_key (store_id);
