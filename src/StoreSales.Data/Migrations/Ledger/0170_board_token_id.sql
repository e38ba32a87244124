-- A board token needs a name that is not its secret, so a store manager can list and revoke the store's TVs, and a
-- TV's sign-in cookie can say which token it came from. The first 12 hex digits of the hash: derived, so rows
-- issued before this migration get one too, and it tells nothing about the token itself.
ALTER TABLE board_token
    ADD COLUMN token_id text GENERATED ALWAYS AS (substr(encode(token_hash, 'hex'), 1, 12)) STORED;

CREATE UNIQUE INDEX ux_board_token_id ON board_token (token_id);
