-- Dashboard analytics: full-text search over transcript text, and the
-- state the in-process analytics index checks to know when to reload.

-- Full-text search. SQLite keeps an FTS5 table ("TranscriptSearch") in step
-- through triggers; PostgreSQL indexes the text itself instead: a GIN index
-- on the expression to_tsvector('simple', "text"), which a query uses when it
-- filters with exactly that expression:
--   WHERE to_tsvector('simple', "text") @@ plainto_tsquery('simple', $1)
-- An expression index rather than a generated tsvector column: no second
-- copy of every text on disk, no column Prisma does not know about (the
-- table stays exactly what the schema describes), and no trigger to keep in
-- step. 'simple' lowercases and splits on non-letters without stemming, the
-- nearest match to FTS5's unicode61; unlike remove_diacritics it keeps
-- accents ("cafe" does not find "café"), which would need the unaccent
-- extension (a superuser's CREATE EXTENSION) behind an immutable wrapper.
CREATE INDEX "Transcript_text_search_idx" ON "Transcript" USING GIN (to_tsvector('simple', "text"));

-- One row. `instance` tells one database from another (a snapshot of the
-- analytics index is only valid for the database it was built from); `epoch`
-- is bumped by anything that changes or deletes stored predictions or
-- transcripts, so every server rebuilds its index.

-- CreateTable
CREATE TABLE "AnalyticsState" (
    "id" INTEGER NOT NULL,
    "instance" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsState_pkey" PRIMARY KEY ("id")
);

-- 32 lowercase hex digits, the same shape as SQLite's lower(hex(randomblob(16))).
-- gen_random_uuid() is built in from PostgreSQL 13.
INSERT INTO "AnalyticsState" ("id", "instance", "epoch") VALUES (1, replace(gen_random_uuid()::text, '-', ''), 0);
