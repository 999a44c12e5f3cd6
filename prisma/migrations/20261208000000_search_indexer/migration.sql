-- Search indexing out of the ingest write transaction (issue 15).
--
-- The FTS5 table "TranscriptSearch" (external content: "Transcript") stays;
-- what changes is who fills it. The insert trigger tokenized every transcript
-- inside the transaction that stored it (~150 µs a transcript, against ~6 µs
-- for the row itself). Now a background indexer
-- (lib/server/search/search-indexer.ts, run by the ingest workers) indexes
-- transcripts in id order, a bounded batch in one short BEGIN IMMEDIATE
-- transaction, and records here the highest transcript id indexed. SQLite
-- hands out ids inside its write lock (and AUTOINCREMENT never reuses one),
-- so every id at or below the mark is in the index and none above it is.
CREATE TABLE "TranscriptSearchState" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "indexedId" INTEGER NOT NULL
);
-- Until now the insert trigger indexed every transcript: all of them are in the index.
INSERT INTO "TranscriptSearchState" ("id", "indexedId") VALUES (1, COALESCE((SELECT max("id") FROM "Transcript"), 0));

DROP TRIGGER "Transcript_search_insert";

-- An FTS5 'delete' must name a row that is in the index, with the text it was
-- indexed with: a 'delete' for a row never indexed corrupts an external-content
-- index. Rows above the mark are not in it; the indexer reads their current
-- text when it gets to them.
DROP TRIGGER "Transcript_search_delete";
CREATE TRIGGER "Transcript_search_delete" AFTER DELETE ON "Transcript"
WHEN old."id" <= (SELECT "indexedId" FROM "TranscriptSearchState" WHERE "id" = 1)
BEGIN
  INSERT INTO "TranscriptSearch" ("TranscriptSearch", rowid, text) VALUES ('delete', old."id", old."text");
END;

DROP TRIGGER "Transcript_search_update";
CREATE TRIGGER "Transcript_search_update" AFTER UPDATE OF "text" ON "Transcript"
WHEN old."id" <= (SELECT "indexedId" FROM "TranscriptSearchState" WHERE "id" = 1)
BEGIN
  INSERT INTO "TranscriptSearch" ("TranscriptSearch", rowid, text) VALUES ('delete', old."id", old."text");
  INSERT INTO "TranscriptSearch" (rowid, text) VALUES (new."id", new."text");
END;
