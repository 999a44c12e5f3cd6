-- The overview as data, saved views, and each transcript's import.
ALTER TABLE "Transcript" ADD COLUMN "importJobId" TEXT;
CREATE INDEX "Transcript_importJobId_idx" ON "Transcript"("importJobId");

CREATE TABLE "DashboardLayout" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "layout" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "DashboardLayout_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "query" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "createdBy" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SavedView_ownerId_idx" ON "SavedView"("ownerId");
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
