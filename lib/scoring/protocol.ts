// Messages between the scoring pool (pool.ts) and its threads (pool-worker.ts).
import type { BatchResult } from './score-batch';

export type WireModel = { kind: 'linear'; versionId: number; withScope: boolean } | { kind: 'language'; top: number | null };

export type ToWorker =
  | { type: 'load'; versionId: number; artifact: Uint8Array; scope: string | null }
  | { type: 'unload'; versionId: number }
  | { type: 'score'; id: number; models: WireModel[]; texts: string[] };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; results: BatchResult[] }
  | { type: 'error'; id: number; message: string };
