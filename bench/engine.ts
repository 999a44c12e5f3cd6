// Classifier-engine benchmark: ours vs TF-IDF + LinearSVC (sklearn) vs fastText (Debian CLI), side by side.
//
//   npx tsx bench/engine.ts            # runs everything, prints a table, rewrites "## Classifier engine" in docs/benchmarks.md
//   npx tsx bench/engine.ts --no-write # print only
//
// Datasets are read from $CALLSIGHT_DATASETS (default ../shared/datasets relative to the working directory).
// Baselines: `apt-get install -y fasttext python3-sklearn`; a missing one is reported as "skipped (not installed)".
// Everything runs sequentially, one process at a time; our engine is single-threaded; fastText is run with -thread 1.
// The README reference figures (../shared/datasets/README.md) are shown next to the re-runs, as their own rows, and
// the engine's speed before issue 15 (single-pass featurization, WebAssembly scoring kernel) beside its re-run.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Rng, deserializeModel, evaluate, expectedCalibrationError, scoreMany, serializeModel, train, type Classifier, type LabeledExample } from '../lib/classify';
import { extractRaw, RawFeatures } from '../lib/classify/features';
import { probabilitiesInto } from '../lib/classify/model';
import type { Resolved } from '../lib/classify/vocabulary';
import { DATASETS, loadSplit } from './datasets';
import { writeSection } from './stats';

const PY = '/usr/bin/python3';
const WRITE = !process.argv.includes('--no-write');

// fastText as in the datasets README ("fastText, tuned (epoch 25, wordNgrams 2)"): the tutorial's supervised settings
// -lr 1.0 -epoch 25 -wordNgrams 2, defaults otherwise (-dim 100, no char n-grams: -minn 0 -maxn 0, -bucket 2000000,
// softmax loss), one thread, fixed seed. The training file is shuffled (seeded): the train splits are sorted by label,
// and fastText with one thread reads the file in order, which costs ~10 points of accuracy (0.786 on banking77).
const FASTTEXT_ARGS = ['-lr', '1.0', '-epoch', '25', '-wordNgrams', '2', '-dim', '100', '-minn', '0', '-maxn', '0', '-bucket', '2000000', '-loss', 'softmax', '-thread', '1', '-seed', '1'];

/** Reference numbers from ../shared/datasets/README.md (one run on a 2-core machine; not re-run here). */
interface Reference { accuracy: number; trainSeconds: number; perSec?: number; note?: string }
/** The engine before issue 15 (commit before the single-pass featurizer and the WebAssembly kernel), measured with
 * this benchmark on the same machine: not re-run, hard-coded beside the new figures. */
interface Before { perSec: number; longPerSec: number }
interface Task { name: string; dir: string; field: string; svcRef: Reference; ftRef: Reference; before: Before }
const TASKS: Task[] = [
  {
    name: 'banking77 intent', dir: 'banking77', field: 'intent',
    svcRef: { accuracy: 0.913, trainSeconds: 3.6, perSec: 1000, note: '~14k texts/s batch, ~1k texts/s one by one' },
    ftRef: { accuracy: 0.889, trainSeconds: 5.4, perSec: 75000, note: '~75k texts/s predict' },
    before: { perSec: 36500, longPerSec: 397 },
  },
  {
    name: 'clinc150 intent', dir: 'clinc150', field: 'intent',
    svcRef: { accuracy: 0.925, trainSeconds: 10.5 },
    ftRef: { accuracy: 0.891, trainSeconds: 12 },
    before: { perSec: 27723, longPerSec: 298 },
  },
  {
    name: 'clinc150 domain', dir: 'clinc150', field: 'domain',
    svcRef: { accuracy: 0.978, trainSeconds: 1.5 },
    ftRef: { accuracy: 0.962, trainSeconds: 2.7 },
    before: { perSec: 67130, longPerSec: 470 },
  },
];

interface Row {
  system: string;
  accuracy?: number;
  macroF1?: number;
  trainSeconds?: number;
  perSec?: number; // one text at a time, incl. tokenization
  approx?: boolean; // perSec is a rounded reference figure ("~75k")
  beforePerSec?: number; // the engine before issue 15 (hard-coded, see Before)
  ece?: number;
  artifactBytes?: number;
  note?: string;
}

const load = loadSplit;

/** The single label of a (single-label) example. */
function labelOf(e: LabeledExample): string {
  const l = e.labels[0];
  if (l === undefined) throw new Error(`example without a label: ${JSON.stringify(e.text)}`);
  return l;
}

const f = (x: number | undefined, d: number) => (x === undefined ? '—' : x.toFixed(d));
const mb = (b: number | undefined) => (b === undefined ? '—' : `${(b / 1e6).toFixed(1)} MB`);
const rate = (x: number | undefined, approx = false) => (x === undefined ? '—' : `${approx ? '~' : ''}${Math.round(x).toLocaleString('en')}`);

function macroF1(truth: string[], pred: string[]): number {
  const labels = new Set([...truth, ...pred]);
  let sum = 0;
  for (const l of labels) {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (pred[i] === l && truth[i] === l) tp++;
      else if (pred[i] === l) fp++;
      else if (truth[i] === l) fn++;
    }
    sum += tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return sum / labels.size;
}

/** Texts of about `chars` characters: test texts joined in order, starting at text `start`. */
function joined(texts: string[], start: number, chars: number): string {
  let s = '';
  for (let i = start; s.length < chars; i++) s += texts[i % texts.length]! + ' ';
  return s.slice(0, chars);
}

/** µs per item of `fn` over items [0, n), repeated for >= `ms` after a warm-up round. */
function usPer(n: number, fn: (i: number) => void, ms = 600): number {
  for (let i = 0; i < n; i++) fn(i);
  let done = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < n; i++) fn(i);
    done += n;
  }
  return ((performance.now() - t0) * 1000) / done;
}

/** One text per predict() call, split into its steps; each step timed alone on the previous step's output. */
interface Steps { extract: number; resolve: number; score: number; rank: number; predict: number; knownRows: number }

function steps(model: Classifier, texts: string[]): Steps {
  const spec = model.featureSpec;
  const L = model.labels.length;
  const raws = texts.map((t) => extractRaw(t, spec, new RawFeatures()));
  const res: Resolved = { rows: new Int32Array(0), vals: new Float64Array(0), m: 0 };
  const resolved = raws.map((r) => {
    model.vocab.resolveRaw(r, res);
    return { rows: res.rows.slice(0, res.m), vals: res.vals.slice(0, res.m), m: res.m };
  });
  const logits = resolved.map((r) => model.kernel.logits(r.rows, r.vals, r.m).slice());
  const p = new Float32Array(L);
  return {
    extract: usPer(texts.length, (i) => extractRaw(texts[i]!, spec)),
    resolve: usPer(texts.length, (i) => model.vocab.resolveRaw(raws[i]!, res)),
    score: usPer(texts.length, (i) => model.kernel.logits(resolved[i]!.rows, resolved[i]!.vals, resolved[i]!.m)),
    rank: usPer(texts.length, (i) => model.rank(probabilitiesInto(logits[i]!, L, model.temperature, model.multiLabel, p), { k: 1 })),
    predict: usPer(texts.length, (i) => model.predict([texts[i]!], { k: 1 })),
    knownRows: resolved.reduce((a, r) => a + r.m, 0) / resolved.length,
  };
}

interface Ours { row: Row; extra: string[]; steps: { short: Steps; long: Steps } }

function ours(task: Task, tr: LabeledExample[], te: LabeledExample[], longText: string): Ours {
  const t0 = performance.now();
  const result = train(tr, { seed: 1 });
  const trainSeconds = (performance.now() - t0) / 1000;
  const model = result.model;
  const ev = evaluate(model, te);
  const texts = te.map((e) => e.text);
  // warm-up, then one text per predict() call (tokenization + features + scores + top-1), >= 2 s
  for (let i = 0; i < 2000; i++) model.predict([texts[i % texts.length]!], { k: 1 });
  let n = 0;
  const t1 = performance.now();
  while (performance.now() - t1 < 2000) for (const t of texts) { model.predict([t], { k: 1 }); n++; }
  const perSec = n / ((performance.now() - t1) / 1000);
  let m = 0;
  const t2 = performance.now();
  while (performance.now() - t2 < 1000) { model.predict([longText], { k: 1 }); m++; }
  const longPerSec = m / ((performance.now() - t2) / 1000);
  // ingest-like: ~900-character transcripts, one at a time and in batches through scoreMany over six models that
  // share this vocabulary (copies of the model: each has its own weights and is scored separately)
  const transcripts = Array.from({ length: 100 }, (_, i) => joined(texts, i * 37, 900));
  const transcriptPerSec = 1e6 / usPer(transcripts.length, (i) => model.predict([transcripts[i]!], { k: 1 }), 1000);
  const bytes = serializeModel(model);
  const six = [model, ...Array.from({ length: 5 }, () => deserializeModel(bytes))];
  const batchPerSec = 1e6 / usPer(1, () => scoreMany(six, transcripts), 1500) * transcripts.length;
  return {
    row: { system: 'callsight engine', accuracy: ev.accuracy, macroF1: ev.macroF1, trainSeconds, perSec, beforePerSec: task.before.perSec, ece: ev.ece, artifactBytes: bytes.length },
    extra: [
      `held-out (20%) evaluation returned by train(): accuracy ${result.evaluation!.accuracy.toFixed(4)}, ECE ${result.evaluation!.ece!.toFixed(4)}; temperature ${model.temperature}; ${model.rows} weight rows; scoring kernel: ${model.kernel.backend}`,
      `${longText.length.toLocaleString('en')}-char text, one predict() at a time: ${longPerSec.toFixed(0)} predictions/s (before issue 15: ${task.before.longPerSec}/s, ${(longPerSec / task.before.longPerSec).toFixed(2)}x)`,
      `900-char transcripts (test texts joined), one predict() at a time: ${rate(transcriptPerSec)}/s; \`scoreMany\` over 6 models sharing the vocabulary, batches of ${transcripts.length}: ${rate(batchPerSec)} transcripts/s (each scored by all 6)`,
    ],
    steps: { short: steps(model, texts), long: steps(model, transcripts) },
  };
}

function sklearn(task: Task): Row {
  const probe = spawnSync(PY, ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) return { system: 'TF-IDF + LinearSVC', note: 'skipped (not installed)' };
  const out = execFileSync(PY, [
    resolve(process.cwd(), 'bench/baselines/tfidf_svc.py'),
    join(DATASETS, task.dir, 'train.jsonl'),
    join(DATASETS, task.dir, 'test.jsonl'),
    task.field,
  ], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  return {
    system: 'TF-IDF + LinearSVC', accuracy: r.accuracy, macroF1: r.macroF1, trainSeconds: r.trainSeconds,
    perSec: r.predictOneByOnePerSec, artifactBytes: r.artifactBytes,
    note: `batch predict ${Math.round(r.predictBatchPerSec).toLocaleString('en')}/s; no probabilities (no ECE)`,
  };
}

function fasttext(task: Task, tr: LabeledExample[], te: LabeledExample[]): Row {
  if (spawnSync('fasttext', [], { encoding: 'utf8' }).error) return { system: 'fastText (re-run)', note: 'skipped (not installed)' };
  const dir = mkdtempSync(join(tmpdir(), 'cs-ft-'));
  try {
    // fastText splits on whitespace only: lowercase and split punctuation off beforehand (its usual pre-processing)
    const clean = (s: string) => s.replace(/([^\p{L}\p{N}\s'])/gu, ' $1 ').replace(/\s+/g, ' ').toLowerCase().trim();
    const ftLabel = (e: LabeledExample) => labelOf(e).replace(/\s/g, '_');
    const trainLines = tr.map((e) => `__label__${ftLabel(e)} ${clean(e.text)}`);
    new Rng(1).shuffle(trainLines); // the train files are sorted by label (see FASTTEXT_ARGS)
    writeFileSync(join(dir, 'train.txt'), trainLines.join('\n') + '\n');
    const texts = te.map((e) => clean(e.text));
    writeFileSync(join(dir, 'test.txt'), texts.join('\n') + '\n');
    // Throughput: the CLI predicts line by line (its tokenization, n-gram hashing, scoring, top-1 and printing
    // included) over the test texts repeated to >= 150k lines, minus the time for a 1-line file (process start +
    // loading the 800 MB model), best of 3 each.
    const reps = Math.max(10, Math.ceil(150_000 / texts.length));
    writeFileSync(join(dir, 'test-rep.txt'), Array(reps).fill(texts.join('\n')).join('\n') + '\n');
    writeFileSync(join(dir, 'one.txt'), texts[0] + '\n');
    const t0 = performance.now();
    execFileSync('fasttext', ['supervised', '-input', join(dir, 'train.txt'), '-output', join(dir, 'm'), ...FASTTEXT_ARGS, '-verbose', '0']);
    const trainSeconds = (performance.now() - t0) / 1000;
    const out = execFileSync('fasttext', ['predict-prob', join(dir, 'm.bin'), join(dir, 'test.txt'), '1'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const outLines = out.split('\n');
    if (outLines[outLines.length - 1] === '') outLines.pop();
    if (outLines.length !== texts.length) throw new Error(`fastText returned ${outLines.length} predictions for ${texts.length} texts`);
    const preds = outLines.map((l) => {
      const [lab, p] = l.split(' ');
      return { label: (lab ?? '').replace('__label__', ''), p: Number(p ?? 0) };
    });
    const truth = te.map(ftLabel);
    const hits: number[] = preds.map((p, i) => (p.label === truth[i] ? 1 : 0));
    const time = (file: string) => {
      const best: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        execFileSync('fasttext', ['predict-prob', join(dir, 'm.bin'), file, '1'], { maxBuffer: 1 << 28 });
        best.push(performance.now() - t);
      }
      return Math.min(...best) / 1000;
    };
    const perSec = (texts.length * reps) / Math.max(1e-6, time(join(dir, 'test-rep.txt')) - time(join(dir, 'one.txt')));
    // the Node-side pre-processing above is not in the CLI figure; measured separately for the note
    let m = 0;
    const t1 = performance.now();
    while (performance.now() - t1 < 500) for (const e of te) { clean(e.text); m++; }
    const cleanSec = (performance.now() - t1) / 1000 / m;
    const withClean = 1 / (1 / perSec + cleanSec);
    return {
      system: 'fastText (re-run)', accuracy: hits.reduce((a, b) => a + b, 0) / hits.length, macroF1: macroF1(truth, preds.map((p) => p.label)),
      trainSeconds, perSec, ece: expectedCalibrationError(preds.map((p) => p.p), hits), artifactBytes: statSync(join(dir, 'm.bin')).size,
      note: `predict-prob k=1, CLI, one line at a time; with the lowercase/punctuation pre-pass (Node, ${(cleanSec * 1e6).toFixed(2)} µs/text) ${rate(withClean)}/s; train s include writing the model`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function referenceRow(system: string, r: Reference): Row {
  return { system, accuracy: r.accuracy, trainSeconds: r.trainSeconds, perSec: r.perSec, approx: true, note: `datasets README, not re-run${r.note ? `: ${r.note}` : ''}` };
}


async function main() {
  if (!existsSync(join(DATASETS, 'banking77'))) {
    console.error(`datasets not found at ${DATASETS} (set CALLSIGHT_DATASETS)`);
    process.exit(1);
  }
  const started = new Date();
  const sections: string[] = [];
  const summary: string[] = [];
  const stepRows: string[] = [];
  const loads: number[] = [loadavg()[0] ?? 0]; // 1-min load average at the start and after each task
  for (const task of TASKS) {
    const tr = load(task.dir, 'train', task.field);
    const te = load(task.dir, 'test', task.field);
    let longText = '';
    for (let i = 0; longText.length < 10000; i++) longText += te[i % te.length]!.text + ' ';
    longText = longText.slice(0, 10000);
    console.error(`== ${task.name}: ours`);
    const o = ours(task, tr, te, longText);
    console.error(`== ${task.name}: sklearn`);
    const s = sklearn(task);
    console.error(`== ${task.name}: fastText`);
    const ft = fasttext(task, tr, te);
    loads.push(loadavg()[0] ?? 0);
    const rows = [o.row, s, referenceRow('TF-IDF + LinearSVC (README reference)', task.svcRef), ft, referenceRow('fastText (README reference)', task.ftRef)];
    const ftRate = ft.perSec;
    const vsFt = (x: number | undefined) => (x && ftRate ? `${(x / ftRate).toFixed(2)}x` : '—');
    const before = (r: Row) => (r.beforePerSec && r.perSec ? `${rate(r.beforePerSec)} (now ${(r.perSec / r.beforePerSec).toFixed(2)}x)` : '—');
    const lines = [
      `### ${task.name} (train ${tr.length.toLocaleString('en')}, test ${te.length.toLocaleString('en')}, ${new Set(tr.map(labelOf)).size} labels)`,
      '',
      '| system | test accuracy | macro-F1 | train s | predict texts/s (one at a time) | before issue 15 (texts/s, not re-run) | vs fastText (re-run) | ECE (15 bins) | artifact | notes |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.system} | ${f(r.accuracy, 4)} | ${f(r.macroF1, 4)} | ${f(r.trainSeconds, 2)} | ${rate(r.perSec, r.approx)} | ${before(r)} | ${vsFt(r.perSec)} | ${f(r.ece, 4)} | ${mb(r.artifactBytes)} | ${r.note ?? ''} |`),
      '',
      ...o.extra.map((x) => `- ours: ${x}`),
      '',
    ];
    const us = (x: number) => x.toFixed(2);
    for (const [kind, st] of [['short (test texts)', o.steps.short], ['900-char transcripts', o.steps.long]] as const) {
      stepRows.push(`| ${task.name} | ${kind} | ${st.knownRows.toFixed(0)} | ${us(st.extract)} | ${us(st.resolve)} | ${us(st.score)} | ${us(st.rank)} | ${us(st.extract + st.resolve + st.score + st.rank)} | ${us(st.predict)} |`);
    }
    sections.push(lines.join('\n'));
    summary.push(`${task.name}: ours ${f(o.row.accuracy, 4)} (SVC ref ${task.svcRef.accuracy}), ${rate(o.row.perSec)}/s; fastText ${f(ft.accuracy, 4)} (ref ${task.ftRef.accuracy}), ${rate(ft.perSec)}/s`);
    console.log(lines.join('\n'));
  }
  const stepsTable = [
    '### Where the time goes (one text per `predict` call, µs per text)',
    '',
    'Each step timed alone over the same texts, on the output of the step before: *normalize + tokenize + hash* = `extractRaw` (one pass over the characters into a reused buffer of bucket ids); *resolve* = `Vocabulary.resolveRaw` (table lookups, counts, tf-idf, block norms, rows in bucket order); *score* = the kernel\'s logits (bias + Σ value × weight row); *probabilities + rank* = softmax into a reused buffer and the top label. The sum can differ a little from a whole `predict` (call overhead, caches shared between the steps).',
    '',
    '| dataset | texts | known rows per text | normalize + tokenize + hash | resolve | score | probabilities + rank | sum | `predict([text], { k: 1 })` |',
    '|---|---|---|---|---|---|---|---|---|',
    ...stepRows,
    '',
  ];
  console.log(stepsTable.join('\n'));
  const c = cpus();
  const maxLoad = Math.max(...loads);
  const loadNote = `1-min load average at the start and after each task: ${loads.map((x) => x.toFixed(2)).join(', ')} on ${c.length} cores` +
    (maxLoad > 1.5
      ? ' — other processes were using the CPU during this run (this benchmark alone keeps about one core busy), so absolute speeds and train times may be somewhat low; ratios between rows measured close together are more reliable.'
      : ' (about one core busy: this benchmark alone).');
  const body = [
    `Measured ${started.toISOString().slice(0, 10)} on ${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; everything sequential, single-threaded. ${loadNote}`,
    '',
    'Command (from the repository root): `npx tsx bench/engine.ts` (datasets from `$CALLSIGHT_DATASETS`, default `../shared/datasets`).',
    '',
    'What is measured:',
    '- **ours**: `train(train split, { seed: 1 })` with defaults — featurize, fit on a stratified 80%, evaluate + fit the temperature on the 20% held out, refit on 100%; train seconds are that whole call. Test metrics are for the returned (100%) model. Predict = `model.predict([text], { k: 1 })` one text per call over the test texts for ≥ 2 s after warm-up (normalisation, tokenization, hashing, scoring, ranking included). Artifact = `serializeModel(model).length` (8-bit weights). *Before issue 15*: the same measurement of the engine before the single-pass featurizer and the WebAssembly scoring kernel, on this machine (hard-coded, not re-run; the features and scores are bit-identical, so accuracy and ECE are unchanged). Long texts: the test texts joined (in order) to 10,000 and to ~900 characters; `scoreMany` over six copies of the model (six models sharing one vocabulary, as ingest scores every transcript with every model).',
    '- **TF-IDF + LinearSVC**: sklearn, word 1-2 + char_wb 2-5 TF-IDF, LinearSVC(C=1) (`bench/baselines/tfidf_svc.py`, /usr/bin/python3); one-at-a-time = `pipeline.predict([text])` over 1,000 test texts; artifact = pickled pipeline.',
    `- **fastText (re-run)**: Debian \`fasttext\` CLI, \`supervised ${FASTTEXT_ARGS.join(' ')}\` — the "tuned (epoch 25, wordNgrams 2)" setting of the datasets README with fastText's tutorial learning rate; the training file is shuffled with a fixed seed first (the train splits are sorted by label and a one-thread fastText reads the file in order: unshuffled, banking77 drops to 0.786). Text lowercased with punctuation split off. Throughput = \`predict-prob m.bin file 1\` (one line at a time: fastText's tokenization, hashing, scoring, printing) over the test texts repeated to ≥ 150k lines, minus the time for a 1-line file (process start + model load), best of 3 each; the note adds the cost of the Node-side pre-pass. ECE from its top-1 probabilities. Artifact = m.bin (dominated by the 2M × 100 n-gram bucket matrix; size not tuned).`,
    '- **README reference** rows: the figures in ../shared/datasets/README.md (one run on a 2-core machine; thread count not stated), copied, not re-run.',
    '- ECE: expected calibration error of the top-1 score, 15 equal-width bins, on the test split.',
    '',
    ...sections,
    ...stepsTable,
  ].join('\n');
  if (WRITE) {
    await writeSection('Classifier engine', body); // replaces only this section of docs/benchmarks.md
    console.error(`wrote docs/benchmarks.md (## Classifier engine)`);
  }
  console.error(summary.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
