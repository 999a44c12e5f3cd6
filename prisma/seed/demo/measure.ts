// How the demo models do on text the generator did not write. Each model is trained as the seed trains it
// (seed-demo.ts: generated corpus, train defaults, seed 1) and scored on the generated held-out split, on the
// hand-written transcripts (heldout.jsonl) and on the hand-written contacts about none of the products
// (heldout-other.jsonl: Product should answer Other; Issue Type and Root Cause should give no label ≥ 0.5).
//
//   node --conditions=react-server --import tsx prisma/seed/demo/measure.ts [--count 6000] [--seeds 20261128,11,22,33,44]
//
// With several corpus seeds each cell is the mean over them: the hand-written set has 88 transcripts, and the
// corpus seed alone moves a model's accuracy on it by a few points.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate, train } from '@/lib/classify';
import { DEMO_TRAINING, heldOutExamples, loadHeldOut } from '../seed-demo';
import { generateTranscripts, toTrainingExamples } from './generate';
import { MODEL_KEYS, OTHER_PRODUCT, TAXONOMY } from './taxonomy';

const { values } = parseArgs({ options: { count: { type: 'string' }, seeds: { type: 'string' } } });
const count = Number(values.count ?? DEMO_TRAINING.count);
const seeds = (values.seeds ?? String(DEMO_TRAINING.seed)).split(',').map(Number);

const handWritten = loadHeldOut();
const otherTexts = readFileSync(fileURLToPath(new URL('./heldout-other.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

/** per model: [split accuracy, split macro-F1, hand-written accuracy, hand-written macro-F1, heldout-other share, train seconds] */
const sums = new Map<string, number[]>();
for (const seed of seeds) {
  const corpus = generateTranscripts(count, seed);
  for (const key of MODEL_KEYS) {
    const t = TAXONOMY[key];
    const r = train(toTrainingExamples(corpus, key), { seed: 1, multiLabel: t.multiLabel, labels: t.labels.map((l) => l.name) });
    const hw = evaluate(r.model, heldOutExamples(handWritten, key));
    const other = r.model.predict(otherTexts, { k: 1 });
    const otherShare =
      key === 'product' ? other.filter((p) => p[0]?.label === OTHER_PRODUCT).length / otherTexts.length
      : t.multiLabel ? other.filter((p) => (p[0]?.score ?? 0) < 0.5).length / otherTexts.length
      : NaN;
    const row = [r.evaluation?.accuracy ?? NaN, r.evaluation?.macroF1 ?? NaN, hw.accuracy, hw.macroF1, otherShare, r.trainSeconds];
    const sum = sums.get(key) ?? row.map(() => 0);
    sums.set(key, sum.map((s, i) => s + row[i]! / seeds.length));
  }
}

const f = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3));
console.log(`${count.toLocaleString('en')} generated transcripts, corpus seed${seeds.length > 1 ? `s ${seeds.join(', ')} (means)` : ` ${seeds[0]}`}; hand-written: ${handWritten.length}, heldout-other: ${otherTexts.length}\n`);
console.log('| model | generated split accuracy | macro-F1 | hand-written accuracy | macro-F1 | heldout-other | train |');
console.log('|---|---|---|---|---|---|---|');
for (const key of MODEL_KEYS) {
  const [sa, sf, ha, hf, oth, secs] = sums.get(key)!;
  const t = TAXONOMY[key];
  const otherNote = key === 'product' ? `${f(oth!)} Other` : t.multiLabel ? `${f(oth!)} no label` : '–';
  console.log(`| ${t.id} ${t.name} | ${f(sa!)} | ${f(sf!)} | ${f(ha!)} | ${f(hf!)} | ${otherNote} | ${secs!.toFixed(1)} s |`);
}
