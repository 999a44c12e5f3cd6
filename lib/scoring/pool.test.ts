import { afterAll, describe, expect, it } from 'vitest';
import { Rng, serializeModel, scopeProfileFromTraining, train, type LabeledExample } from '@/lib/classify';
import { getLanguageIdentifier } from '@/lib/language/language-identifier';
import { MAX_QUEUED_TEXTS, PoolBusyError, ScoringPool, ScoringThreadError, type PoolModel } from './pool';
import { scoreBatch, type BatchModel } from './score-batch';

const PHRASES: Record<string, string[]> = {
  card: ['my card has not arrived', 'where is my new card', 'card still not delivered', 'waiting for my card'],
  refund: ['i want a refund', 'refund my money please', 'how do i get a refund', 'refund not received'],
  pin: ['forgot my pin', 'change my pin code', 'pin is blocked', 'reset my pin number'],
};
const rng = new Rng(5);
const EXAMPLES: LabeledExample[] = [];
for (const [label, phrases] of Object.entries(PHRASES)) {
  for (const p of phrases) for (let k = 0; k < 12; k++) EXAMPLES.push({ text: `${['', 'hi ', 'hello, '][k % 3]}${p}${['', ' thanks', ' today', ' now'][k % 4]}`, labels: [label] });
}
rng.shuffle(EXAMPLES);
const trained = train(EXAMPLES, { seed: 3, epochs: 8 });
const profile = scopeProfileFromTraining(trained, EXAMPLES);
const artifact = serializeModel(trained.model);
const other = train(EXAMPLES.map((e) => ({ text: e.text, labels: [e.labels[0] === 'card' ? 'card' : 'other'] })), { seed: 4, epochs: 8 });

const TEXTS = ['where is my card', 'refund please', 'pin blocked again', '', 'quantum chromodynamics lecture notes', 'Hej, jag vill ha tillbaka mina pengar'];
const many = (n: number) => Array.from({ length: n }, (_, i) => `${TEXTS[i % TEXTS.length]} ${i}`);

const pools: ScoringPool[] = [];
function pool(size: number): ScoringPool {
  const p = new ScoringPool(size);
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const wire = (withScope: boolean): PoolModel[] => [
  { kind: 'linear', versionId: 1, artifact, scope: JSON.stringify(profile), withScope },
  { kind: 'linear', versionId: 2, artifact: serializeModel(other.model), scope: null, withScope },
  { kind: 'language', top: 3 },
];

async function inline(texts: string[], withScope: boolean) {
  // the same models as the threads load them: from their artifacts
  const { deserializeModel } = await import('@/lib/classify');
  const identifier = await getLanguageIdentifier();
  const models: BatchModel[] = [
    { kind: 'linear', classifier: deserializeModel(artifact), scope: profile, withScope },
    { kind: 'linear', classifier: deserializeModel(serializeModel(other.model)), scope: null, withScope },
    { kind: 'language', identifier, top: 3 },
  ];
  return scoreBatch(models, texts);
}

describe('ScoringPool', () => {
  it('scores exactly as the calling thread would: scores, scope and languages', async () => {
    const p = pool(2);
    const got = await p.score(wire(true), TEXTS);
    expect(got).toEqual(await inline(TEXTS, true));
    const first = got[0]!;
    expect(first.kind === 'linear' && Array.from(first.outOfScope)).toEqual(expect.arrayContaining([0, 1]));
    expect(got[1]!.kind === 'linear' && Array.from(got[1]!.outOfScope)).toEqual(TEXTS.map(() => -1));
  });

  it('cuts a large batch into one slice per thread and joins the slices in order', async () => {
    const p = pool(2);
    const texts = many(1_001);
    const got = await p.score(wire(false), texts);
    expect(got).toEqual(await inline(texts, false));
  });

  it('all language probabilities when no top is asked', async () => {
    const p = pool(1);
    const [r] = await p.score([{ kind: 'language', top: null }], ['Bonjour, je voudrais un remboursement']);
    const identifier = await getLanguageIdentifier();
    expect(r!.kind === 'language' && r!.scores).toEqual(identifier.scores('Bonjour, je voudrais un remboursement'));
  });

  it('a damaged artifact fails its batch with a message, and the thread goes on scoring', async () => {
    const p = pool(1);
    const broken = artifact.slice(0, 40);
    await expect(p.score([{ kind: 'linear', versionId: 99, artifact: broken, scope: null, withScope: false }], TEXTS)).rejects.toThrow(/model version 99 could not be loaded: deserializeModel: truncated artifact/);
    expect(await p.score(wire(false), TEXTS)).toEqual(await inline(TEXTS, false));
  });

  it('a scoring thread that stops fails the batch it held, and the next batch gets a new thread', async () => {
    const p = pool(1);
    await p.score(wire(false), TEXTS); // started and loaded
    const held = p.score(wire(false), many(20_000));
    await (p as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads[0]!.worker.terminate();
    await expect(held).rejects.toBeInstanceOf(ScoringThreadError);
    expect(await p.score(wire(false), TEXTS)).toEqual(await inline(TEXTS, false));
  });

  it(`refuses a batch past ${MAX_QUEUED_TEXTS.toLocaleString('en')} waiting texts instead of queueing without end`, async () => {
    const p = pool(1);
    const first = p.score([{ kind: 'linear', versionId: 1, artifact, scope: null, withScope: false }], many(MAX_QUEUED_TEXTS - 10));
    await expect(p.score(wire(false), many(100))).rejects.toBeInstanceOf(PoolBusyError);
    await first;
    expect(p.queuedTexts).toBe(0);
  });
});

describe('an idle scoring pool', () => {
  it('does not keep the process alive (npx callsight import never exited: a thread that had no batch yet kept its port refed)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pool-exit-'));
    const script = join(dir, 'score-and-end.mts');
    // two threads, one batch: the second thread starts but never gets work, as in the CLI's import
    writeFileSync(script, `import { ScoringPool } from ${JSON.stringify(join(process.cwd(), 'lib/scoring/pool.ts'))};\nconst p = new ScoringPool(2);\nconst r = await p.score([{ kind: 'language', top: 1 }], ['hello, this is an English sentence']);\nconsole.log('scored', r.length);\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toContain('scored 1');
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null });
  }, 90_000);
});
