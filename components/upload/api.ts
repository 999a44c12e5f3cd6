import type { TColumnMapping, TIngestJob } from '@/lib/schemas/ingest';

export interface DraftUpload {
  id: string;
  fileName: string;
  preview: { format: string; delimiter: string | null; columns: string[]; rows: { line: number; record: Record<string, string> }[]; errors: { line: number; reason: string }[] };
  mapping: Partial<TColumnMapping>;
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/** Streams the file to the server as the request body: the browser never reads it into memory. */
export async function uploadFile(file: File): Promise<DraftUpload> {
  const res = await fetch(`/api/uploads?file_name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
  if (!res.ok) throw new Error(await errorMessage(res));
  const body = (await res.json()) as Omit<DraftUpload, 'fileName'>;
  return { ...body, fileName: file.name };
}

export async function startJob(id: string, mapping: TColumnMapping, modelIds: number[]): Promise<TIngestJob> {
  const res = await fetch(`/api/ingest-jobs/${encodeURIComponent(id)}/start`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mapping, modelIds }) });
  if (!res.ok) throw new Error(await errorMessage(res));
  return (await res.json()) as TIngestJob;
}

export async function fetchJobs(): Promise<TIngestJob[]> {
  const res = await fetch('/api/ingest-jobs', { cache: 'no-store' });
  if (!res.ok) throw new Error(await errorMessage(res));
  return ((await res.json()) as { jobs: TIngestJob[] }).jobs;
}
