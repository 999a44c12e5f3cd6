-- Live workers: each worker loop writes its row every few seconds, so the
-- dashboard can say when jobs wait with no worker, and `npx callsight workers`
-- can list them.
CREATE TABLE "WorkerHeartbeat" (
    "owner" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "activity" TEXT NOT NULL DEFAULT 'idle',

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("owner")
);
CREATE INDEX "WorkerHeartbeat_lastSeenAt_idx" ON "WorkerHeartbeat"("lastSeenAt");
