-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "question" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'linear',
    "multiLabel" BOOLEAN NOT NULL DEFAULT false,
    "threshold" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "parentModelId" INTEGER,
    "activeVersionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "parentLabel" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ready',
    "artifact" BYTEA,
    "artifactHash" TEXT,
    "evaluation" TEXT,
    "trainSeconds" DOUBLE PRECISION,
    "trainedOn" INTEGER NOT NULL DEFAULT 0,
    "heldOut" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promotedAt" TIMESTAMP(3),

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Example" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'upload',
    "transcriptId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Example_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transcript" (
    "id" SERIAL NOT NULL,
    "externalId" TEXT,
    "contentHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "channel" TEXT,
    "agent" TEXT,
    "queue" TEXT,
    "customerId" TEXT,
    "language" TEXT,
    "metadata" TEXT NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Transcript_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prediction" (
    "id" SERIAL NOT NULL,
    "transcriptId" INTEGER NOT NULL,
    "modelId" INTEGER NOT NULL,
    "modelVersionId" INTEGER,
    "label" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "scores" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prediction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_prefix_idx" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "Model_activeVersionId_key" ON "Model"("activeVersionId");

-- CreateIndex
CREATE INDEX "Label_modelId_position_idx" ON "Label"("modelId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Label_modelId_name_key" ON "Label"("modelId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_modelId_version_key" ON "ModelVersion"("modelId", "version");

-- CreateIndex
CREATE INDEX "Example_modelId_idx" ON "Example"("modelId");

-- CreateIndex
CREATE UNIQUE INDEX "Transcript_externalId_key" ON "Transcript"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Transcript_contentHash_key" ON "Transcript"("contentHash");

-- CreateIndex
CREATE INDEX "Transcript_day_idx" ON "Transcript"("day");

-- CreateIndex
CREATE INDEX "Transcript_occurredAt_idx" ON "Transcript"("occurredAt");

-- CreateIndex
CREATE INDEX "Prediction_modelId_day_label_idx" ON "Prediction"("modelId", "day", "label");

-- CreateIndex
CREATE INDEX "Prediction_modelId_label_idx" ON "Prediction"("modelId", "label");

-- CreateIndex
CREATE UNIQUE INDEX "Prediction_transcriptId_modelId_key" ON "Prediction"("transcriptId", "modelId");

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_parentModelId_fkey" FOREIGN KEY ("parentModelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_activeVersionId_fkey" FOREIGN KEY ("activeVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Example" ADD CONSTRAINT "Example_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_transcriptId_fkey" FOREIGN KEY ("transcriptId") REFERENCES "Transcript"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
