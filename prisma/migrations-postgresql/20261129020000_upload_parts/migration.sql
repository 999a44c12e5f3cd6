-- Uploaded files' bytes, in parts of a few MiB, from the upload until a
-- worker has parsed the file (lib/ingest/upload-store.ts): workers on any
-- machine read uploads from the database, so no shared volume is needed.

-- CreateTable
CREATE TABLE "UploadPart" (
    "uploadId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "UploadPart_pkey" PRIMARY KEY ("uploadId","seq")
);
