-- CreateTable
CREATE TABLE "IngestJob" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "source" TEXT NOT NULL DEFAULT 'ui',
    "fileName" TEXT NOT NULL,
    "filePath" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "fileHash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "delimiter" TEXT,
    "columns" TEXT NOT NULL DEFAULT '[]',
    "mapping" TEXT NOT NULL DEFAULT '{}',
    "modelIds" TEXT NOT NULL DEFAULT '[]',
    "bytesParsed" INTEGER NOT NULL DEFAULT 0,
    "rowsParsed" INTEGER NOT NULL DEFAULT 0,
    "rowsInserted" INTEGER NOT NULL DEFAULT 0,
    "rowsDuplicate" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "chunksTotal" INTEGER NOT NULL DEFAULT 0,
    "chunksDone" INTEGER NOT NULL DEFAULT 0,
    "parseDone" BOOLEAN NOT NULL DEFAULT false,
    "parseLeaseOwner" TEXT,
    "parseLeaseExpiresAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "IngestJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestChunk" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "firstLine" INTEGER NOT NULL,
    "lastLine" INTEGER NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "IngestChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestRejection" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "IngestRejection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IngestJob_status_idx" ON "IngestJob"("status");

-- CreateIndex
CREATE INDEX "IngestJob_createdAt_idx" ON "IngestJob"("createdAt");

-- CreateIndex
CREATE INDEX "IngestChunk_status_leaseExpiresAt_idx" ON "IngestChunk"("status", "leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "IngestChunk_jobId_seq_key" ON "IngestChunk"("jobId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "IngestRejection_jobId_line_key" ON "IngestRejection"("jobId", "line");

-- AddForeignKey
ALTER TABLE "IngestChunk" ADD CONSTRAINT "IngestChunk_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "IngestJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestRejection" ADD CONSTRAINT "IngestRejection_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "IngestJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
