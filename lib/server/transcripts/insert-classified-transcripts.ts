import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/db';
import type { ServingModel } from '@/lib/server/models/serving-models';
import { classifyForStorage } from './classify-for-storage';

export interface TranscriptInput {
  externalId?: string | null;
  text: string;
  channel?: string | null;
  agent?: string | null;
  queue?: string | null;
  customerId?: string | null;
  occurredAt: Date;
  metadata?: Record<string, string>;
}

/** The same transcript text always hashes the same, whatever its surrounding white space. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim(), 'utf8').digest('hex');
}

export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Classifies transcripts with every given model and stores them with one
 * prediction row per transcript × model. Transcripts whose content hash is
 * already stored are skipped and counted as duplicates.
 */
export async function insertClassifiedTranscripts(
  db: Db,
  transcripts: TranscriptInput[],
  models: ServingModel[],
  options: { chunkSize?: number } = {},
): Promise<{ inserted: number; duplicates: number }> {
  const chunkSize = options.chunkSize ?? 500;
  let inserted = 0;
  let duplicates = 0;

  for (let start = 0; start < transcripts.length; start += chunkSize) {
    const chunk = transcripts.slice(start, start + chunkSize).map((t) => ({ ...t, hash: contentHash(t.text) }));
    const existing = new Set(
      (await db.transcript.findMany({ where: { contentHash: { in: chunk.map((c) => c.hash) } }, select: { contentHash: true } })).map((r) => r.contentHash),
    );
    const fresh = chunk.filter((c, i) => !existing.has(c.hash) && chunk.findIndex((o) => o.hash === c.hash) === i);
    duplicates += chunk.length - fresh.length;
    if (!fresh.length) continue;

    const classified = await classifyForStorage(models, fresh.map((t) => t.text));

    await db.$transaction(async (tx) => {
      for (const [i, t] of fresh.entries()) {
        const day = utcDay(t.occurredAt);
        const c = classified[i];
        const languageName = c?.language ?? null;
        const rows = (c?.predictions ?? []).map((p) => ({ ...p, day }));
        await tx.transcript.create({
          data: {
            externalId: t.externalId ?? null,
            contentHash: t.hash,
            text: t.text,
            channel: t.channel ?? null,
            agent: t.agent ?? null,
            queue: t.queue ?? null,
            customerId: t.customerId ?? null,
            language: languageName,
            metadata: JSON.stringify(t.metadata ?? {}),
            occurredAt: t.occurredAt,
            day,
            predictions: { create: rows },
          },
          select: { id: true },
        });
        inserted++;
      }
    });
  }
  return { inserted, duplicates };
}
