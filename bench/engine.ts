// Classifier-engine benchmark: ours vs TF-IDF + LinearSVC (sklearn) vs fastText (Debian CLI), side by side.
//
//   npx tsx bench/engine.ts            # runs everything, prints a table, rewrites "## Classifier engine" in docs/benchmarks.md
//   npx tsx bench/engine.ts --no-write # print only
//
// Datasets are read from $CALLSIGHT_DATASETS (default ../shared/datasets relative to the working directory).
// Baselines: `apt-get install -y fasttext python3-sklearn`; a missing one is reported as "skipped (not installed)".
// Everything runs sequentially, one process at a time; our engine is single-threaded; fastText is run with -thread 1.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluate, expectedCalibrationError, serializeModel, train, type LabeledExample } from '../lib/classify';

const DATASETS = resolve(process.cwd(), process.env.CALLSIGHT_DATASETS ?? '../shared/datasets');
const PY = '/usr/bin/python3';
const WRITE = !process.argv.includes('--no-write');

interface Task { name: string; dir: string; field: string; svcRef: number }
const TASKS: Task[] = [
  { name: 'banking77 intent', dir: 'banking77', field: 'intent', svcRef: 0.913 },
  { name: 'clinc150 intent', dir: 'clinc150', field: 'intent', svcRef: 0.925 },
  { name: 'clinc150 domain', dir: 'clinc150', field: 'domain', svcRef: 0.978 },
];

interface Row {
  system: string;
  accuracy?: number;
  macroF1?: number;
  trainSeconds?: number;
  perSec?: number; // one text at a time, incl. tokenization
  ece?: number;
  artifactBytes?: number;
  note?: string;
}

function load(dir: string, split: string, field: string): LabeledExample[] {
  return readFileSync(join(DATASETS, dir, `${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l);
      return { text: String(o.text), labels: [String(o[field])] };
    });
}

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

function ours(task: Task, tr: LabeledExample[], te: LabeledExample[], longText: string): { row: Row; extra: string[] } {
  const t0 = performance.now();
  const result = train(tr, { seed: 1 });
  const trainSeconds = (performance.now() - t0) / 1000;
  const model = result.model;
  const ev = evaluate(model, te);
  const texts = te.map((e) => e.text);
  // warm-up, then one text per predict() call (tokenization + features + scores + top-1), >= 2 s
  for (let i = 0; i < 2000; i++) model.predict([texts[i % texts.length]], { k: 1 });
  let n = 0;
  const t1 = performance.now();
  while (performance.now() - t1 < 2000) for (const t of texts) { model.predict([t], { k: 1 }); n++; }
  const perSec = n / ((performance.now() - t1) / 1000);
  let m = 0;
  const t2 = performance.now();
  while (performance.now() - t2 < 1000) { model.predict([longText], { k: 1 }); m++; }
  const longPerSec = m / ((performance.now() - t2) / 1000);
  const bytes = serializeModel(model).length;
  return {
    row: { system: 'callsight engine', accuracy: ev.accuracy, macroF1: ev.macroF1, trainSeconds, perSec, ece: ev.ece, artifactBytes: bytes },
    extra: [
      `held-out (20%) evaluation returned by train(): accuracy ${result.evaluation!.accuracy.toFixed(4)}, ECE ${result.evaluation!.ece!.toFixed(4)}; temperature ${model.temperature}; ${model.rows} weight rows`,
      `${longText.length.toLocaleString('en')}-char text: ${longPerSec.toFixed(0)} predictions/s`,
    ],
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
  if (spawnSync('fasttext', [], { encoding: 'utf8' }).error) return { system: 'fastText', note: 'skipped (not installed)' };
  const dir = mkdtempSync(join(tmpdir(), 'cs-ft-'));
  try {
    const clean = (s: string) => s.replace(/([^\p{L}\p{N}\s'])/gu, ' $1 ').replace(/\s+/g, ' ').toLowerCase().trim();
    const line = (e: LabeledExample) => `__label__${e.labels[0].replace(/\s/g, '_')} ${clean(e.text)}`;
    writeFileSync(join(dir, 'train.txt'), tr.map(line).join('\n') + '\n');
    const texts = te.map((e) => clean(e.text));
    writeFileSync(join(dir, 'test.txt'), texts.join('\n') + '\n');
    const reps = 10; // one-by-one prediction over the test file repeated 10x, minus model-loading time
    writeFileSync(join(dir, 'test10.txt'), Array(reps).fill(texts.join('\n')).join('\n') + '\n');
    writeFileSync(join(dir, 'one.txt'), texts[0] + '\n');
    const t0 = performance.now();
    execFileSync('fasttext', ['supervised', '-input', join(dir, 'train.txt'), '-output', join(dir, 'm'), '-epoch', '25', '-wordNgrams', '2', '-thread', '1', '-seed', '1', '-verbose', '0']);
    const trainSeconds = (performance.now() - t0) / 1000;
    const out = execFileSync('fasttext', ['predict-prob', join(dir, 'm.bin'), join(dir, 'test.txt'), '1'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const preds = out.trim().split('\n').map((l) => {
      const [lab, p] = l.split(' ');
      return { label: lab.replace('__label__', ''), p: Number(p) };
    });
    const truth = te.map((e) => e.labels[0].replace(/\s/g, '_'));
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
    const perSec = (texts.length * reps) / Math.max(1e-6, time(join(dir, 'test10.txt')) - time(join(dir, 'one.txt')));
    return {
      system: 'fastText', accuracy: hits.reduce((a, b) => a + b, 0) / hits.length, macroF1: macroF1(truth, preds.map((p) => p.label)),
      trainSeconds, perSec, ece: expectedCalibrationError(preds.map((p) => p.p), hits), artifactBytes: statSync(join(dir, 'm.bin')).size,
      note: 'epoch 25, wordNgrams 2, -thread 1; predict-prob k=1 over the test file',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f = (x: number | undefined, d: number) => (x === undefined ? '—' : x.toFixed(d));
const mb = (b: number | undefined) => (b === undefined ? '—' : `${(b / 1e6).toFixed(1)} MB`);
const rate = (x: number | undefined) => (x === undefined ? '—' : Math.round(x).toLocaleString('en'));

function main() {
  if (!existsSync(join(DATASETS, 'banking77'))) {
    console.error(`datasets not found at ${DATASETS} (set CALLSIGHT_DATASETS)`);
    process.exit(1);
  }
  const started = new Date();
  const sections: string[] = [];
  const summary: string[] = [];
  for (const task of TASKS) {
    const tr = load(task.dir, 'train', task.field);
    const te = load(task.dir, 'test', task.field);
    let longText = '';
    for (let i = 0; longText.length < 10000; i++) longText += te[i % te.length].text + ' ';
    longText = longText.slice(0, 10000);
    console.error(`== ${task.name}: ours`);
    const o = ours(task, tr, te, longText);
    console.error(`== ${task.name}: sklearn`);
    const s = sklearn(task);
    console.error(`== ${task.name}: fastText`);
    const ft = fasttext(task, tr, te);
    const rows = [o.row, s, ft];
    const ftRate = ft.perSec;
    const lines = [
      `### ${task.name} (train ${tr.length.toLocaleString('en')}, test ${te.length.toLocaleString('en')}, ${new Set(tr.map((e) => e.labels[0])).size} labels)`,
      '',
      '| system | test accuracy | macro-F1 | train s | predict texts/s (one at a time) | vs fastText | ECE (15 bins) | artifact | notes |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.system} | ${f(r.accuracy, 4)} | ${f(r.macroF1, 4)} | ${f(r.trainSeconds, 2)} | ${rate(r.perSec)} | ${r.perSec && ftRate ? `${(r.perSec / ftRate).toFixed(2)}x` : '—'} | ${f(r.ece, 4)} | ${mb(r.artifactBytes)} | ${r.note ?? ''} |`),
      '',
      ...o.extra.map((x) => `- ours: ${x}`),
      `- README reference for TF-IDF + LinearSVC: ${task.svcRef}`,
      '',
    ];
    sections.push(lines.join('\n'));
    summary.push(`${task.name}: ours ${f(o.row.accuracy, 4)} (ref ${task.svcRef}), ${rate(o.row.perSec)}/s, fastText ${rate(ft.perSec)}/s`);
    console.log(lines.join('\n'));
  }
  const c = cpus();
  const body = [
    '## Classifier engine',
    '',
    `Measured ${started.toISOString().slice(0, 10)} on ${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; everything sequential, single-threaded.`,
    '',
    'Command (from the repository root): `npx tsx bench/engine.ts` (datasets from `$CALLSIGHT_DATASETS`, default `../shared/datasets`).',
    '',
    'What is measured:',
    '- **ours**: `train(train split, { seed: 1 })` with defaults — featurize, fit on a stratified 80%, evaluate + fit the temperature on the 20% held out, refit on 100%; train seconds are that whole call. Test metrics are for the returned (100%) model. Predict = `model.predict([text], { k: 1 })` one text per call over the test texts for ≥ 2 s after warm-up (normalisation, tokenization, hashing, scoring, ranking included). Artifact = `serializeModel(model).length` (8-bit weights).',
    '- **TF-IDF + LinearSVC**: sklearn, word 1-2 + char_wb 2-5 TF-IDF, LinearSVC(C=1) (`bench/baselines/tfidf_svc.py`, /usr/bin/python3); one-at-a-time = `pipeline.predict([text])` over 1,000 test texts; artifact = pickled pipeline.',
    '- **fastText**: Debian `fasttext` CLI, `supervised -epoch 25 -wordNgrams 2 -thread 1`, lowercased text with punctuation split off; throughput = `predict-prob m.bin file 1` over the test file repeated 10× minus the time for a 1-line file (model loading), best of 3; ECE from its top-1 probabilities.',
    '- ECE: expected calibration error of the top-1 score, 15 equal-width bins, on the test split.',
    '',
    ...sections,
  ].join('\n');
  if (WRITE) {
    const file = resolve(process.cwd(), 'docs/benchmarks.md');
    const prev = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const start = prev.indexOf('## Classifier engine');
    let next: string;
    if (start < 0) next = (prev ? prev.trimEnd() + '\n\n' : '') + body + '\n';
    else {
      const rest = prev.slice(start + 3);
      const end = rest.search(/^## /m);
      next = prev.slice(0, start) + body + '\n' + (end >= 0 ? '\n' + rest.slice(end) : '');
    }
    writeFileSync(file, next);
    console.error(`wrote ${file}`);
  }
  console.error(summary.join('\n'));
}

main();
