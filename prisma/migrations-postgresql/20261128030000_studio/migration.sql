-- Model studio: training as a background job, reclassification of stored
-- transcripts, corrections of single predictions, and deduplicated examples.

-- A version is queued, trained by a worker under a lease, then ready (or failed);
-- promotion is a separate, explicit step (Model.activeVersionId).
-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "options" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "startedAt" TIMESTAMP(3),
ADD COLUMN     "finishedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ModelVersion_status_leaseExpiresAt_idx" ON "ModelVersion"("status", "leaseExpiresAt");

-- The same text labeled twice for one model is one example (the later labels win).
-- AlterTable
ALTER TABLE "Example" ADD COLUMN     "textHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE UNIQUE INDEX "Example_modelId_textHash_key" ON "Example"("modelId", "textHash");

-- CreateIndex
CREATE INDEX "Example_transcriptId_idx" ON "Example"("transcriptId");

-- A person's correction of one stored prediction. Append-only: the newest row
-- for a transcript × model is the one that counts, and readers (the analytics
-- index) follow the table by id.
-- CreateTable
CREATE TABLE "PredictionCorrection" (
    "id" SERIAL NOT NULL,
    "transcriptId" INTEGER NOT NULL,
    "modelId" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "previousLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PredictionCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PredictionCorrection_transcriptId_modelId_idx" ON "PredictionCorrection"("transcriptId", "modelId");

-- Re-running a model's (newly promoted) version over stored transcripts, in
-- id order from a cursor, claimed by workers under a lease like ingest chunks.
-- CreateTable
CREATE TABLE "ReclassifyJob" (
    "id" TEXT NOT NULL,
    "modelId" INTEGER NOT NULL,
    "versionId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "maxTranscriptId" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReclassifyJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReclassifyJob_status_leaseExpiresAt_idx" ON "ReclassifyJob"("status", "leaseExpiresAt");

-- AddForeignKey
ALTER TABLE "PredictionCorrection" ADD CONSTRAINT "PredictionCorrection_transcriptId_fkey" FOREIGN KEY ("transcriptId") REFERENCES "Transcript"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PredictionCorrection" ADD CONSTRAINT "PredictionCorrection_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReclassifyJob" ADD CONSTRAINT "ReclassifyJob_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
