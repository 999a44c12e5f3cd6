import type { Db } from '@/lib/db';

// Transcripts with known predictions for the transcripts API and export
// tests, stored directly (no training): every count below is known.

export const FIXTURE_MODELS = [
  { id: 42, name: 'Product', labels: ['Mobile', 'Fiber', 'TV'] },
  { id: 201, name: 'Sentiment', labels: ['Frustrated', 'Angry', 'Neutral', 'Satisfied'] },
] as const;

/** Texts a spreadsheet would run as formulas (and one an HTML page would run as script). */
export const HOSTILE_TEXTS = ['=HYPERLINK("http://x","y")', '+1', '@SUM(A1)', '-2+3', '<script>alert("x")</script>'] as const;

export const CHANNELS = ['phone', 'chat', 'email'] as const;

export interface FixtureTranscript {
  externalId: string;
  text: string;
  channel: string;
  occurredAt: Date;
  product: string;
  sentiment: string | null;
  metadata: Record<string, string>;
}

/**
 * `count` ordinary transcripts spread over the last 60 days (so `range=30d`
 * and `range=all` differ), the hostile ones today, and one without a
 * Sentiment prediction.
 */
export function fixtureTranscripts(count: number, now: Date = new Date()): FixtureTranscript[] {
  const day = 86_400_000;
  const out: FixtureTranscript[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      externalId: `fx-${i}`,
      text: `Call ${i}: about my ${FIXTURE_MODELS[0].labels[i % 3]}, "the invoice", line one\nline two, ünïcødé 📞`,
      channel: CHANNELS[i % 3]!,
      occurredAt: new Date(now.getTime() - (i % 60) * day - (i + 1) * 1000),
      product: FIXTURE_MODELS[0].labels[i % 3]!,
      sentiment: FIXTURE_MODELS[1].labels[i % 4]!,
      metadata: i % 5 === 0 ? { region: i % 2 ? 'north' : 'south', plan: '=cmd|" /C calc"!A0' } : {},
    });
  }
  HOSTILE_TEXTS.forEach((text, i) =>
    out.push({ externalId: `hostile-${i}`, text, channel: 'chat', occurredAt: new Date(now.getTime() - 60_000 * (i + 1)), product: 'Mobile', sentiment: 'Angry', metadata: {} }),
  );
  out.push({ externalId: '@no-sentiment', text: 'A transcript only the product model has seen', channel: 'email', occurredAt: new Date(now.getTime() - 3 * day), product: 'TV', sentiment: null, metadata: {} });
  return out;
}

export async function seedFixture(db: Db, transcripts: FixtureTranscript[]): Promise<void> {
  for (const m of FIXTURE_MODELS) {
    await db.model.create({ data: { id: m.id, name: m.name, labels: { create: m.labels.map((name, position) => ({ name, position })) } } });
  }
  const prediction = (modelId: number, labels: readonly string[], label: string, score: number, day: string) => ({
    modelId,
    label,
    score,
    scores: JSON.stringify(labels.map((l) => (l === label ? score : (1 - score) / (labels.length - 1)))),
    day,
  });
  for (const [i, t] of transcripts.entries()) {
    const day = t.occurredAt.toISOString().slice(0, 10);
    await db.transcript.create({
      data: {
        externalId: t.externalId,
        contentHash: `fixture-${i}`,
        text: t.text,
        channel: t.channel,
        agent: i % 2 ? 'Ann' : 'Bo',
        queue: 'General',
        customerId: `cust-${i % 7}`,
        language: 'English',
        metadata: JSON.stringify(t.metadata),
        occurredAt: t.occurredAt,
        day,
        predictions: {
          create: [
            prediction(42, FIXTURE_MODELS[0].labels, t.product, 0.5 + (i % 5) / 10, day),
            ...(t.sentiment ? [prediction(201, FIXTURE_MODELS[1].labels, t.sentiment, 0.4 + (i % 6) / 10, day)] : []),
          ],
        },
      },
    });
  }
}
