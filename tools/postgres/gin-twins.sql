-- FerretDB v1 on PostgreSQL filters on a field as `_jsonb -> 'field' @> value`, which the btree
-- indexes it creates for MongoDB indexes cannot serve: without help every lookup, by _id too, reads
-- the whole table. This gives the first key of each of its indexes a GIN twin that serves `@>`, now
-- and for every index created later. Applied by scripts/services.sh; idempotent.

CREATE OR REPLACE FUNCTION earshot_gin_twin(index_oid oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  table_oid regclass;
  first_key text;
  field text;
BEGIN
  SELECT i.indrelid::regclass INTO table_oid
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
  WHERE i.indexrelid = index_oid AND a.amname = 'btree';
  IF table_oid IS NULL THEN
    RETURN; -- not a btree (a twin itself, say)
  END IF;
  first_key := pg_get_indexdef(index_oid, 1, true);
  field := substring(first_key FROM '^\(?_jsonb -> ''([^'']+)''::text\)?$');
  IF field IS NULL THEN
    RETURN; -- not a top-level field: FerretDB does not push those filters down
  END IF;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L) jsonb_path_ops)',
    left((SELECT relname FROM pg_class WHERE oid = index_oid), 56) || '_gin', table_oid, field);
END $$;

CREATE OR REPLACE FUNCTION earshot_gin_twins_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands()
                 WHERE command_tag = 'CREATE INDEX' LOOP
    PERFORM earshot_gin_twin(command.objid);
  END LOOP;
END $$;

DROP EVENT TRIGGER IF EXISTS earshot_gin_twins;
CREATE EVENT TRIGGER earshot_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION earshot_gin_twins_on_create();

-- Indexes made before the trigger existed.
SELECT earshot_gin_twin(i.indexrelid)
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND EXISTS (SELECT 1 FROM pg_attribute
              WHERE attrelid = t.oid AND attname = '_jsonb' AND NOT attisdropped);
