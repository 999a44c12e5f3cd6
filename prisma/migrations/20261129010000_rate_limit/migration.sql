-- The public API's rate limit per key, shared by every web server on
-- PostgreSQL. SQLite serves one web server, which keeps its buckets in
-- memory; the table is here so both databases have the same schema.

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
