// Quality of the demo models: trained exactly as `npm start` trains them, then
// scored on the generated held-out split and on the hand-written held-out set
// (prisma/seed/demo/heldout.jsonl) that training never sees.
// Run: npm run bench -- demo-models
import { evaluate, train, type Evaluation } from '@/lib/classify';
import { generateTranscripts, toTrainingExamples } from '@/prisma/seed/demo/generate';
import { MODEL_KEYS, TAXONOMY } from '@/prisma/seed/demo/taxonomy';
import { DEMO_TRAINING, heldOutExamples, loadHeldOut } from '@/prisma/seed/seed-demo';
import { machine, writeSection } from './stats';

const SPEC_TEXT =
  "Hi, I'm calling about my mobile broadband. I was charged 349 kr this month but my plan is supposed to be 199 kr. This has happened two months in a row and I'm really frustrated. I've been a customer for six years and I'm starting to think about switching.";

const corpus = generateTranscripts(DEMO_TRAINING.count, DEMO_TRAINING.seed);
const heldOut = loadHeldOut();
const f3 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));

const rows: string[] = [];
const perLabel: string[] = [];
const spec: string[] = [];
for (const key of MODEL_KEYS) {
  const t = TAXONOMY[key];
  const r = train(toTrainingExamples(corpus, key), { seed: 1, multiLabel: t.multiLabel, labels: t.labels.map((l) => l.name) });
  const hw: Evaluation = evaluate(r.model, heldOutExamples(heldOut, key));
  rows.push(`| ${t.id} ${t.name} | ${t.multiLabel ? 'multi' : 'single'} | ${r.trainSeconds.toFixed(1)} s | ${f3(r.evaluation?.accuracy)} | ${f3(r.evaluation?.macroF1)} | ${f3(hw.accuracy)} | ${f3(hw.macroF1)} | ${f3(hw.ece)} |`);
  const weakest = Object.entries(hw.perLabel)
    .sort((a, b) => a[1].f1 - b[1].f1)
    .slice(0, 3)
    .map(([l, m]) => `${l} (F1 ${m.f1.toFixed(2)}, n ${m.support})`);
  perLabel.push(`- ${t.name}: ${weakest.join(', ')}`);
  const p = r.model.predict([SPEC_TEXT], { k: 3 })[0] ?? [];
  spec.push(`| ${t.name} | ${p.map((x) => `${x.label} ${x.score.toFixed(2)}`).join(', ')} |`);
  console.error(`${t.name}: hand-written accuracy ${f3(hw.accuracy)}`);
}

const body = `Command: \`npm run bench -- demo-models\` (bench/demo-models.ts), ${new Date().toISOString().slice(0, 10)}, ${machine()}.
Each model is trained as \`npm start\` trains it: ${DEMO_TRAINING.count.toLocaleString('en')} generated transcripts (seed ${DEMO_TRAINING.seed}), 80/20 stratified split for the
evaluation, then refit on all. "Hand-written" is prisma/seed/demo/heldout.jsonl: ${heldOut.length} transcripts written by hand in other voices,
never used for training. Multi-label accuracy is subset accuracy (the predicted set, labels ≥ 0.5, equals the true set).

| model | type | train | generated split accuracy | macro-F1 | hand-written accuracy | macro-F1 | ECE |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

The gap between the two columns is the honest number: the generated split shares the generator's phrasing, the hand-written set does not.
Weakest labels on the hand-written set (where the corpus needs more variety first):
${perLabel.join('\n')}

The spec's example text, top 3 per model:

| model | predictions |
|---|---|
${spec.join('\n')}`;
console.log(body);
await writeSection('Demo models', body);
