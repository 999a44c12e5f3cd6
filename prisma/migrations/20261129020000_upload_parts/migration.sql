-- Uploaded files' bytes in the database, for PostgreSQL deployments whose
-- workers run on other machines. SQLite keeps uploads in INGEST_UPLOAD_DIR;
-- the table is here so both databases have the same schema.

-- CreateTable
CREATE TABLE "UploadPart" (
    "uploadId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("uploadId", "seq")
);
