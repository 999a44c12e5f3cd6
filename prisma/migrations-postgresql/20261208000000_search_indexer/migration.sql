-- Search indexing out of the ingest write transaction (issue 15).
--
-- The GIN index on the expression to_tsvector('callsight_search', "text")
-- made every insert into "Transcript" tokenize the text inside the
-- transaction that stored it: without it, the ingest chunk transactions
-- store 1.5-1.9x as many transcripts a second (10,000 transcripts with six
-- predictions each; bench/ingest.ts, BENCH_INGEST_ONLY=write-path).
--
-- Now the text is indexed afterwards, by a background indexer
-- (lib/server/search/search-indexer.ts, run by the ingest workers), as on
-- SQLite (see that history's migration of the same name). A high-water mark
-- of indexed ids, as SQLite keeps, would be wrong here: a sequence hands ids
-- out before commit, so a mark could pass an id whose transaction commits
-- later. Instead every inserted id is queued in "TranscriptSearchPending" by
-- a statement trigger (one multi-row insert of integers per statement); the
-- indexer takes queued ids (FOR UPDATE SKIP LOCKED, so concurrent indexers
-- take different ones), deletes them from the queue and stores their
-- tsvector in "TranscriptSearch", all in one statement. A search reads
-- "TranscriptSearch" only, and counts the queue to say how many transcripts
-- it cannot find yet. The stored tsvector also makes a search's recheck of a
-- lossy bitmap page read the vector instead of tokenizing the text again.
--
-- The vectors are strip()ped of word positions: a search asks for words and
-- prefixes (&, :*), never phrases or ranking, and a stripped vector is about
-- half the size (measured: 0.8 against 1.4 kB a ~760-character transcript;
-- the GIN index holds no positions either way).
CREATE TABLE "TranscriptSearch" (
    "id" INTEGER NOT NULL,
    "vector" tsvector NOT NULL,

    CONSTRAINT "TranscriptSearch_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "TranscriptSearch_id_fkey" FOREIGN KEY ("id") REFERENCES "Transcript"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "TranscriptSearchPending" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "TranscriptSearchPending_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "TranscriptSearchPending_id_fkey" FOREIGN KEY ("id") REFERENCES "Transcript"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- search_path FROM CURRENT: the tables are found in this schema (a ?schema=
-- URL's) whatever the inserting session's search_path.
CREATE FUNCTION "transcript_search_queue_inserted"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO "TranscriptSearchPending" ("id") SELECT "id" FROM inserted;
  RETURN NULL;
END
$$;
CREATE TRIGGER "Transcript_search_insert" AFTER INSERT ON "Transcript"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "transcript_search_queue_inserted"();

-- A new text is searchable once indexed again: until then the transcript is
-- not found by its old words either, and counts as not yet searchable.
CREATE FUNCTION "transcript_search_queue_changed"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "TranscriptSearch" WHERE "id" = NEW."id";
  INSERT INTO "TranscriptSearchPending" ("id") VALUES (NEW."id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER "Transcript_search_update" AFTER UPDATE OF "text" ON "Transcript"
  FOR EACH ROW WHEN (OLD."text" IS DISTINCT FROM NEW."text") EXECUTE FUNCTION "transcript_search_queue_changed"();

-- Every transcript stored so far is in the old index: index them all now (the
-- triggers above already lock out writers until this commits). Like building
-- the old index, this reads every transcript once (~0.2 ms a transcript).
-- The GIN index is built after the rows are in, which is faster than
-- maintaining it row by row.
INSERT INTO "TranscriptSearch" ("id", "vector") SELECT "id", strip(to_tsvector('callsight_search', "text")) FROM "Transcript";
CREATE INDEX "TranscriptSearch_vector_idx" ON "TranscriptSearch" USING GIN ("vector");

DROP INDEX IF EXISTS "Transcript_text_search_idx";
