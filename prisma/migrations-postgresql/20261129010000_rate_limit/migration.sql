-- The public API's rate limit per key as a token bucket, shared by every web
-- server (lib/http/rate-limit.ts): one row per key, refilled and spent by one
-- UPDATE under the row's lock, timed by the database's clock.

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);
