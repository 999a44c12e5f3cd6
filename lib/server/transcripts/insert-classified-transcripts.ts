import 'server-only';
import { createHash } from 'node:crypto';
import { predictMany } from '@/lib/classify';
import type { Db } from '@/lib/db';
import type { ServingModel } from '@/lib/server/models/serving-models';

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
  const linear = models.filter((m): m is Extract<ServingModel, { kind: 'linear' }> => m.kind === 'linear');
  const language = models.find((m): m is Extract<ServingModel, { kind: 'language' }> => m.kind === 'language');

  for (let start = 0; start < transcripts.length; start += chunkSize) {
    const chunk = transcripts.slice(start, start + chunkSize).map((t) => ({ ...t, hash: contentHash(t.text) }));
    const existing = new Set(
      (await db.transcript.findMany({ where: { contentHash: { in: chunk.map((c) => c.hash) } }, select: { contentHash: true } })).map((r) => r.contentHash),
    );
    const fresh = chunk.filter((c, i) => !existing.has(c.hash) && chunk.findIndex((o) => o.hash === c.hash) === i);
    duplicates += chunk.length - fresh.length;
    if (!fresh.length) continue;

    const texts = fresh.map((t) => t.text);
    const linearScores = linear.length
      ? predictMany(
          linear.map((m) => ({ model: m.classifier })),
          texts,
        )
      : [];

    await db.$transaction(async (tx) => {
      for (const [i, t] of fresh.entries()) {
        const day = utcDay(t.occurredAt);
        let languageName: string | null = null;
        const rows: { modelId: number; modelVersionId: number | null; label: string; score: number; scores: string; day: string }[] = [];
        linear.forEach((m, j) => {
          const preds = linearScores[j]?.[i] ?? [];
          const byLabel = new Map(preds.map((p) => [p.label, p.score]));
          const top = preds[0];
          if (!top) return;
          rows.push({
            modelId: m.id,
            modelVersionId: m.versionId,
            label: top.label,
            score: top.score,
            scores: JSON.stringify(m.labels.map((l) => Math.round((byLabel.get(l) ?? 0) * 1e4) / 1e4)),
            day,
          });
        });
        if (language) {
          const s = language.identifier.scores(t.text);
          let best = 0;
          for (let k = 1; k < s.length; k++) if ((s[k] ?? 0) > (s[best] ?? 0)) best = k;
          languageName = language.labels[best] ?? null;
          // 176 languages: keep the top five only; the rest are ~0.
          const top5 = [...s.keys()].sort((a, b) => (s[b] ?? 0) - (s[a] ?? 0)).slice(0, 5);
          rows.push({
            modelId: language.id,
            modelVersionId: null,
            label: languageName ?? '',
            score: s[best] ?? 0,
            scores: JSON.stringify(Object.fromEntries(top5.map((k) => [language.labels[k], Math.round((s[k] ?? 0) * 1e4) / 1e4]))),
            day,
          });
        }
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
