-- Model studio: training as a background job, reclassification of stored
-- transcripts, corrections of single predictions, and deduplicated examples.

-- A version is queued, trained by a worker under a lease, then ready (or failed);
-- promotion is a separate, explicit step (Model.activeVersionId).
ALTER TABLE "ModelVersion" ADD COLUMN "progress" REAL NOT NULL DEFAULT 0;
ALTER TABLE "ModelVersion" ADD COLUMN "options" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "ModelVersion" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "ModelVersion" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "ModelVersion" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ModelVersion" ADD COLUMN "startedAt" DATETIME;
ALTER TABLE "ModelVersion" ADD COLUMN "finishedAt" DATETIME;
CREATE INDEX "ModelVersion_status_leaseExpiresAt_idx" ON "ModelVersion"("status", "leaseExpiresAt");

-- The same text labeled twice for one model is one example (the later labels win).
ALTER TABLE "Example" ADD COLUMN "textHash" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Example" ADD COLUMN "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP;
CREATE UNIQUE INDEX "Example_modelId_textHash_key" ON "Example"("modelId", "textHash");
CREATE INDEX "Example_transcriptId_idx" ON "Example"("transcriptId");

-- A person's correction of one stored prediction. Append-only: the newest row
-- for a transcript × model is the one that counts, and readers (the analytics
-- index) follow the table by id.
CREATE TABLE "PredictionCorrection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "transcriptId" INTEGER NOT NULL,
    "modelId" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "previousLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PredictionCorrection_transcriptId_fkey" FOREIGN KEY ("transcriptId") REFERENCES "Transcript" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PredictionCorrection_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "PredictionCorrection_transcriptId_modelId_idx" ON "PredictionCorrection"("transcriptId", "modelId");

-- Re-running a model's (newly promoted) version over stored transcripts, in
-- id order from a cursor, claimed by workers under a lease like ingest chunks.
CREATE TABLE "ReclassifyJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelId" INTEGER NOT NULL,
    "versionId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "maxTranscriptId" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "ReclassifyJob_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ReclassifyJob_status_leaseExpiresAt_idx" ON "ReclassifyJob"("status", "leaseExpiresAt");
