-- Dashboard analytics: full-text search over transcript text, and the
-- state the in-process analytics index checks to know when to reload.

-- FTS5 with external content: the index only, not a second copy of the text.
-- Triggers keep it in step with every insert, update and delete, whoever writes.
CREATE VIRTUAL TABLE "TranscriptSearch" USING fts5(
  text,
  content = 'Transcript',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO "TranscriptSearch" ("TranscriptSearch") VALUES ('rebuild');

CREATE TRIGGER "Transcript_search_insert" AFTER INSERT ON "Transcript" BEGIN
  INSERT INTO "TranscriptSearch" (rowid, text) VALUES (new."id", new."text");
END;
CREATE TRIGGER "Transcript_search_delete" AFTER DELETE ON "Transcript" BEGIN
  INSERT INTO "TranscriptSearch" ("TranscriptSearch", rowid, text) VALUES ('delete', old."id", old."text");
END;
CREATE TRIGGER "Transcript_search_update" AFTER UPDATE OF "text" ON "Transcript" BEGIN
  INSERT INTO "TranscriptSearch" ("TranscriptSearch", rowid, text) VALUES ('delete', old."id", old."text");
  INSERT INTO "TranscriptSearch" (rowid, text) VALUES (new."id", new."text");
END;

-- One row. `instance` tells one database from another (a snapshot of the
-- analytics index is only valid for the database it was built from); `epoch`
-- is bumped by anything that changes or deletes stored predictions or
-- transcripts, so every server rebuilds its index.
CREATE TABLE "AnalyticsState" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "instance" TEXT NOT NULL,
  "epoch" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "AnalyticsState" ("id", "instance", "epoch") VALUES (1, lower(hex(randomblob(16))), 0);

