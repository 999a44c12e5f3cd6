import type { FileFormat } from '@/lib/ingest/detect';
import type { TColumnMapping, TStagedRow } from '@/lib/schemas/ingest';
import type { ClassifiedText } from '@/lib/server/transcripts/classify-for-storage';

/**
 * The job queues as the worker loop sees them, whichever database holds
 * them: one implementation per dialect with the same methods, both in one
 * module side by side (ingest-queue.ts, studio-queue.ts), opened by
 * openQueues(url).
 *
 * Every claim takes one unit of work under a lease with an expiry, in one
 * statement, so several workers (threads, processes, machines) never hold
 * the same unit at once and a dead worker's unit is taken over when its lease
 * expires. Every write that must be all-or-nothing (a chunk's transcripts,
 * predictions, done mark and counters) is one transaction.
 */
export interface IngestQueue {
  /** Takes the oldest queued or running job whose file is not fully parsed and whose parse lease is free or expired. */
  claimParse(owner: string, leaseMs: number, now?: Date): Promise<ParseClaim | null>;
  /** Stages one chunk of rows (and the rejections before it) and renews the parse lease, in one transaction. Throws LeaseLostError when the lease was taken over. */
  writeParsedChunk(claim: ParseClaim, owner: string, leaseMs: number, seq: number, batch: ParsedBatch, finished: boolean, error?: string | null): Promise<void>;
  /** A file that cannot be read at all: the job fails with the reason; rows already staged are still stored. */
  failParse(claim: ParseClaim, owner: string, error: string, bytesParsed: number): Promise<void>;
  /** The claim again, from where its parse stopped (after a failed attempt), with its lease renewed. Throws LeaseLostError when the lease was taken over. */
  resumeParse(claim: ParseClaim, owner: string, leaseMs: number): Promise<ParseClaim>;
  /** Takes the first pending chunk whose lease is free or expired. */
  claimChunk(owner: string, leaseMs: number, now?: Date): Promise<ClaimedChunk | null>;
  /** Gives a chunk back (a worker stopping cleanly, or a failed attempt) so another can take it at once. */
  releaseChunk(id: number, owner: string): Promise<void>;
  /**
   * Stores a classified chunk: transcripts (a content hash or external id
   * already stored counts as a duplicate), one prediction per transcript ×
   * model, the chunk's done mark and the job's counters, in one transaction.
   * Null when the chunk was already stored by another worker.
   */
  completeChunk(chunk: ClaimedChunk, stored: StoredRow[]): Promise<{ inserted: number; duplicates: number } | null>;
  /** A chunk that keeps failing: its rows become rejections with the error, so the job can finish and nothing is silently lost. */
  rejectChunk(chunk: ClaimedChunk, reason: string): Promise<void>;
  attemptsOf(chunkId: number): Promise<number>;
  /**
   * Indexes a batch of stored transcripts for search, outside any chunk's
   * transaction (lib/server/search/search-indexer.ts); true when it was a full
   * batch, so more may be waiting. Never throws: a failure is logged and the
   * next call tries again.
   */
  indexSearch(log: (line: string) => void): Promise<boolean>;
}

export interface StudioQueue {
  claimTraining(owner: string, leaseMs: number, now?: Date): Promise<TrainingClaim | null>;
  /**
   * Progress of a training version; also renews its lease. False when the
   * lease was lost. Called from inside training, which is synchronous: the
   * SQLite queue answers synchronously (so a lost lease stops training at
   * once); the PostgreSQL queue cannot, and answers with a promise.
   */
  trainingProgress(versionId: number, owner: string, progress: number, leaseMs: number): boolean | Promise<boolean>;
  releaseTraining(versionId: number, owner: string, error: string, failed: boolean): Promise<void>;
  claimReclassify(owner: string, leaseMs: number, now?: Date): Promise<ReclassifyClaim | null>;
  /** The next transcripts after the cursor, up to the job's last id. */
  reclassifyBatch(claim: ReclassifyClaim, after: number, limit: number): Promise<{ id: number; text: string; label: string | null }[]>;
  /**
   * Writes one batch's predictions, the cursor and the counters in one
   * transaction, if this worker still holds the lease (else nothing: the
   * worker that took over redoes the batch, and the writes are idempotent).
   */
  completeReclassifyBatch(claim: ReclassifyClaim, owner: string, leaseMs: number, rows: ReclassifiedRow[], cursor: number): Promise<boolean>;
  /** Marks the job done and bumps the analytics epoch in one transaction, so every dashboard reloads the new predictions. */
  finishReclassify(claim: ReclassifyClaim, owner: string, error: string | null): Promise<void>;
}

export interface ClaimedChunk {
  id: number;
  jobId: string;
  seq: number;
  rows: TStagedRow[];
  modelIds: number[];
}

export interface ParseClaim {
  jobId: string;
  filePath: string;
  format: FileFormat;
  delimiter: string | null;
  mapping: TColumnMapping;
  createdAt: Date;
  /** rows up to this line are already staged (a re-run after a crash skips them) */
  resumeAfterLine: number;
  nextSeq: number;
}

export interface ParsedBatch {
  rows: TStagedRow[];
  rejections: { line: number; reason: string; excerpt: string }[];
  bytesParsed: number;
}

export interface StoredRow {
  row: TStagedRow;
  hash: string;
  classified: ClassifiedText;
}

export interface TrainingClaim {
  versionId: number;
  modelId: number;
  options: string;
  attempts: number;
}

export interface ReclassifyClaim {
  id: string;
  modelId: number;
  versionId: number;
  cursor: number;
  maxTranscriptId: number;
}

export interface ReclassifiedRow {
  transcriptId: number;
  label: string;
  score: number;
  scores: string;
  /** unlike the version's training texts (null: the version has no scope profile) */
  outOfScope: boolean | null;
  changed: boolean;
}

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}
