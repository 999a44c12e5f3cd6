-- The overview as data, saved views, and each transcript's import.
ALTER TABLE "Transcript" ADD COLUMN "importJobId" TEXT;
CREATE INDEX "Transcript_importJobId_idx" ON "Transcript"("importJobId");

CREATE TABLE "DashboardLayout" (
    "id" INTEGER NOT NULL PRIMARY KEY DEFAULT 1,
    "layout" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "query" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "createdBy" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "SavedView_ownerId_idx" ON "SavedView"("ownerId");
