-- A sale's store is checked once per statement instead of once per row (issue 10, docs/design.md "The sale's store, checked
-- once per statement"; docs/benchmarks.md "History import").
--
-- The foreign key sale.store_id → store ran a trigger per inserted sale: a query of `store` and a KEY SHARE lock of its row,
-- for every sale of a COPY that names the same few stores over and over (a history chunk: 20,000 sales of six stores). That
-- was 35–45 % of the COPY's time (COPY of 200,000 sales, same server: 6.0 s with the foreign key, 3.8 s with this check,
-- 3.2 s with none). The rule stays the same and holds for every writer (the live group commit, its staged path, the history
-- import, any SQL): after each statement that inserts sales, the distinct stores it named are locked (KEY SHARE, as the
-- foreign key does, so a store cannot be deleted under a sale being written) and one that is missing fails the statement
-- with SQLSTATE 23503 foreign_key_violation and the same constraint name and message PostgreSQL gives. The other direction
-- (a store that has sales cannot be deleted or renamed) is a row trigger on `store`, which waits for the KEY SHARE locks of
-- writers in flight and then sees their sales (READ COMMITTED, as every writer of StoreSales runs).

ALTER TABLE sale DROP CONSTRAINT sale_store_id_fkey;

CREATE FUNCTION sale_store_known() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    WITH named AS (
        SELECT DISTINCT store_id FROM new_sale
    ), known AS (
        SELECT s.store_id FROM store s JOIN named n ON n.store_id = s.store_id FOR KEY SHARE OF s
    )
    SELECT min(n.store_id) INTO missing FROM named n WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.store_id = n.store_id);
    IF missing IS NOT NULL THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'insert or update on table "sale" violates foreign key constraint "sale_store_id_fkey"',
            DETAIL = format('Key (store_id)=(%s) is not present in table "store".', missing),
            TABLE = 'sale', COLUMN = 'store_id', CONSTRAINT = 'sale_store_id_fkey';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sale_store_known AFTER INSERT ON sale
    REFERENCING NEW TABLE AS new_sale
    FOR EACH STATEMENT EXECUTE FUNCTION sale_store_known();

-- Sales are never updated (the ledger is append-only), but should one be, its store is checked as on insert. (A transition
-- table allows neither a column list nor two events in one trigger: hence a second trigger for every update.)
CREATE TRIGGER sale_store_known_on_update AFTER UPDATE ON sale
    REFERENCING NEW TABLE AS new_sale
    FOR EACH STATEMENT EXECUTE FUNCTION sale_store_known();

CREATE FUNCTION store_sales_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.store_id = OLD.store_id THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM sale WHERE store_id = OLD.store_id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'update or delete on table "store" violates foreign key constraint "sale_store_id_fkey" on table "sale"',
            DETAIL = format('Key (store_id)=(%s) is still referenced from table "sale".', OLD.store_id),
            TABLE = 'store', COLUMN = 'store_id', CONSTRAINT = 'sale_store_id_fkey';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER store_sales_kept BEFORE DELETE OR UPDATE OF store_id ON store
    FOR EACH ROW EXECUTE FUNCTION store_sales_kept();
