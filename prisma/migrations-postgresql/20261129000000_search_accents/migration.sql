-- Full-text search that folds accents, as SQLite's FTS5 (unicode61,
-- remove_diacritics) does: "cafe" finds "café", "rëfund" finds "refund".
--
-- A text search configuration "callsight_search": PostgreSQL's 'simple'
-- (lowercase, no stemming) with the unaccent dictionary in front of it for
-- words that have letters beyond ASCII. to_tsvector(regconfig, text) with a
-- constant configuration is immutable, so it can be indexed directly (no
-- wrapper around unaccent() needed). Queries must use exactly the indexed
-- expression:
--   WHERE to_tsvector('callsight_search', "text") @@ to_tsquery('callsight_search', $1)
--
-- unaccent ships with PostgreSQL (contrib; Debian's postgresql package has it)
-- and is a trusted extension from PostgreSQL 13, so a database owner may
-- create it without being a superuser. It is created in the current schema
-- (the one a ?schema= URL names) unless the database already has it; the
-- dictionary is then looked up wherever it is.
DO $$
DECLARE
  dict text;
BEGIN
  EXECUTE format('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA %I', current_schema());
  SELECT format('%I.%I', n.nspname, d.dictname) INTO STRICT dict
    FROM pg_ts_dict d
    JOIN pg_namespace n ON n.oid = d.dictnamespace
    JOIN pg_depend dep ON dep.classid = 'pg_ts_dict'::regclass AND dep.objid = d.oid AND dep.deptype = 'e'
    JOIN pg_extension e ON e.oid = dep.refobjid AND e.extname = 'unaccent'
   WHERE d.dictname = 'unaccent';
  EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I.callsight_search (COPY = pg_catalog.simple)', current_schema());
  EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I.callsight_search ALTER MAPPING FOR word, hword, hword_part, numword, numhword WITH %s, pg_catalog.simple', current_schema(), dict);
END
$$;

-- The index on the new expression replaces the one on to_tsvector('simple', …).
-- Building it reads every transcript once (minutes for millions of rows).
DROP INDEX IF EXISTS "Transcript_text_search_idx";
CREATE INDEX "Transcript_text_search_idx" ON "Transcript" USING GIN (to_tsvector('callsight_search', "text"));
