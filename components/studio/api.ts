// The studio's calls to its dashboard routes (app/api/models). Responses are
// this app's own JSON, typed by the server functions that produce them.
import type { ImportExamplesResult } from '@/lib/server/examples/import-examples-file';
import type { QueueItem, UncertaintyStrategy } from '@/lib/server/labeling/get-labeling-queue';
import type { TModelStudio, TModelVersionDetail } from '@/lib/server/models/get-model-studio';
import type { TCreateModel, TUpdateModel } from '@/lib/schemas/studio';
import { callApi } from '@/components/api/call-api';

export type { ImportExamplesResult, QueueItem, TModelStudio, TModelVersionDetail, UncertaintyStrategy };
export type VersionSummary = TModelStudio['versions'][number];
export type ReclassifyJob = TModelStudio['reclassifyJobs'][number];


const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const base = (modelId: number) => `/api/models/${modelId}`;

export const studioKeys = {
  model: (modelId: number) => ['studio', modelId] as const,
  version: (modelId: number, versionId: number) => ['studio', modelId, 'version', versionId] as const,
  queue: (modelId: number, strategy: UncertaintyStrategy) => ['studio', modelId, 'queue', strategy] as const,
};

export const fetchStudio = (modelId: number) => callApi<TModelStudio>(base(modelId));
export const fetchVersion = (modelId: number, versionId: number) => callApi<TModelVersionDetail>(`${base(modelId)}/versions/${versionId}`);
export const createModel = (input: TCreateModel) => callApi<{ id: number; name: string }>('/api/models', json('POST', input));
export const updateModel = (modelId: number, input: TUpdateModel) => callApi<TModelStudio>(base(modelId), json('PATCH', input));
export const queueTraining = (modelId: number) => callApi<{ id: number; version: number; alreadyQueued: boolean }>(`${base(modelId)}/versions`, json('POST', {}));
export const promoteVersion = (modelId: number, versionId: number) => callApi<{ version: number }>(`${base(modelId)}/versions/${versionId}/promote`, { method: 'POST' });
export const discardVersion = (modelId: number, versionId: number) => callApi<{ version: number }>(`${base(modelId)}/versions/${versionId}/discard`, { method: 'POST' });
export const startReclassify = (modelId: number) => callApi<{ id: string }>(`${base(modelId)}/reclassify`, { method: 'POST' });

/** Streams the file as the request body, like the Upload page. */
export function uploadExamples(modelId: number, file: File, fields: { text: string; label: string }): Promise<ImportExamplesResult> {
  const q = new URLSearchParams({ file_name: file.name });
  if (fields.text.trim()) q.set('text_field', fields.text.trim());
  if (fields.label.trim()) q.set('label_field', fields.label.trim());
  return callApi<ImportExamplesResult>(`${base(modelId)}/examples?${q}`, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
}

export function fetchQueue(modelId: number, strategy: UncertaintyStrategy, exclude: readonly number[]) {
  const q = new URLSearchParams({ strategy, limit: '20' });
  if (exclude.length) q.set('exclude', exclude.join(','));
  return callApi<{ items: QueueItem[]; candidates: number; labeled: number }>(`${base(modelId)}/queue?${q}`);
}

export const labelTranscript = (modelId: number, transcriptId: number, labels: string[]) =>
  callApi<{ added: number; updated: number }>(`${base(modelId)}/transcripts/${transcriptId}/labels`, json('POST', { labels }));

export const correctPrediction = (modelId: number, transcriptId: number, label: string) =>
  callApi<{ label: string; previousLabel: string; createdAt: string }>(`${base(modelId)}/transcripts/${transcriptId}/correction`, json('POST', { label }));

/** A version or job still being worked on: the page polls while one is. */
export const isWorking = (status: string) => status === 'queued' || status === 'training' || status === 'running';
