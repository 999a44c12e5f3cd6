// Learning curve and active learning: test accuracy against the number of labeled examples, labeling in random
// order versus labeling the texts the model is least sure about first (uncertainty sampling, lib/classify/uncertainty.ts).
//
//   npm run bench -- learning-curve                          # full run, rewrites "## Learning curve and active learning"
//   LEARNING_CURVE_QUICK=1 npx tsx bench/learning-curve.ts   # small setting for development (never writes)
//   npx tsx bench/learning-curve.ts --no-write               # full run, print only
//
// Datasets are read from $CALLSIGHT_DATASETS (default ../shared/datasets relative to the working directory).
// Everything is sequential and single-threaded. The label set (taxonomy) is known up front: every model is trained
// with `labels` = all labels of the train split, so a label without examples yet is still a (never predicted) class.

import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_FEATURE_SPEC, Rng, evaluateProbabilities, featurize, rankByUncertainty, rankProbabilities, train,
  type Classifier, type LabeledExample, type TextFeatures, type UncertaintyStrategy,
} from '../lib/classify';
import { DATASETS, loadSplit } from './datasets';
import { machine, writeSection } from './stats';

const QUICK = process.env.LEARNING_CURVE_QUICK === '1';
const WRITE = !QUICK && !process.argv.includes('--no-write');
const TITLE = 'Learning curve and active learning';

/** labeled examples per label, on average (total budget = k × number of labels), plus "all" */
const BUDGETS_PER_LABEL = QUICK ? [3, 5] : [10, 25, 50];
const RANDOM_SEEDS = QUICK ? [1] : [1, 2, 3];
/** active-learning runs per strategy (each from its own random seed set); margin is the primary strategy */
const ACTIVE_SEEDS: Record<UncertaintyStrategy, number[]> = QUICK ? { margin: [1], entropy: [1] } : { margin: [1, 2, 3], entropy: [1] };
const STRATEGIES: UncertaintyStrategy[] = ['margin', 'entropy'];
/** size of the random seed set of an active run, per label on average (it is the first 2 × L of that seed's random order) */
const SEED_PER_LABEL = 2;
/** each round labels this share of the current set (at least L texts, never past the next budget) */
const BATCH_FRACTION = 0.1;

interface Task { name: string; dir: string; field: string }
const TASKS: Task[] = [{ name: 'banking77 intent', dir: 'banking77', field: 'intent' }, { name: 'clinc150 intent', dir: 'clinc150', field: 'intent' }];

interface Data {
  task: Task;
  train: LabeledExample[];
  test: LabeledExample[];
  labels: string[];
  /** train texts featurized once, for ranking the pool each round */
  trainFeatures: TextFeatures[];
  testFeatures: TextFeatures[];
  testTruths: string[][];
}

interface Metrics { accuracy: number; macroF1: number; ece: number; /** mean top-1 score */ confidence: number }
interface Point extends Metrics { n: number; trainSeconds: number }

interface ActiveRun {
  /** the loop's models (T = 1), one per round: accuracy and macro-F1 only */
  curve: { n: number; accuracy: number; macroF1: number }[];
  /** the default-settings model at each budget size */
  finals: Map<number, Point>;
  rounds: number;
  wallSeconds: number;
  loopTrainSeconds: number;
  rankSeconds: number;
  /** texts scored while ranking the pool, over all rounds */
  ranked: number;
  /** labels with no example in the labeled set, at each budget size */
  missingLabels: Map<number, number>;
  /** budgets at which the loop model and the default model disagreed on test accuracy (expected: none) */
  mismatches: number;
}

const load = loadSplit;

function prepare(task: Task): Data {
  let trainSet = load(task.dir, 'train', task.field);
  let test = load(task.dir, 'test', task.field);
  if (QUICK) test = new Rng(9).shuffle(test.slice()).slice(0, 1000);
  const labels = [...new Set(trainSet.map((e) => e.labels[0]!))].sort();
  // the train files are sorted by label; positions only matter for tie-breaking, so fix them once
  trainSet = new Rng(0).shuffle(trainSet.slice());
  return {
    task, train: trainSet, test, labels,
    trainFeatures: trainSet.map((e) => featurize(e.text, DEFAULT_FEATURE_SPEC)),
    testFeatures: test.map((e) => featurize(e.text, DEFAULT_FEATURE_SPEC)),
    testTruths: test.map((e) => e.labels),
  };
}

/** Accuracy, macro-F1 and ECE (lib/classify's expectedCalibrationError, 15 bins, top-1 score) on the test split. */
function measure(model: Classifier, data: Data): Metrics {
  const probs = data.testFeatures.map((f) => model.scores(f));
  const ev = evaluateProbabilities(model.labels, model.multiLabel, probs, data.testTruths);
  const confidence = probs.reduce((a, p) => a + Math.max(...p), 0) / probs.length;
  return { accuracy: ev.accuracy, macroF1: ev.macroF1, ece: ev.ece ?? NaN, confidence };
}

/** A default-settings model on the examples `which`, measured on the test split. */
function fitAndMeasure(data: Data, which: readonly number[], seed: number): { point: Point; model: Classifier } {
  const r = train(which.map((i) => data.train[i]!), { seed, labels: data.labels });
  return { point: { n: which.length, trainSeconds: r.trainSeconds, ...measure(r.model, data) }, model: r.model };
}

function randomOrder(n: number, seed: number): number[] {
  return new Rng(seed).shuffle(Array.from({ length: n }, (_, i) => i));
}

function missing(data: Data, which: readonly number[]): number {
  const seen = new Set(which.map((i) => data.train[i]!.labels[0]));
  return data.labels.filter((l) => !seen.has(l)).length;
}

/** Random selection: the first `size` examples of a seeded random order (so the budgets are nested, as when labeling in that order). */
function randomRun(data: Data, sizes: number[], seed: number): Map<number, Point & { missing: number }> {
  const order = randomOrder(data.train.length, seed);
  const out = new Map<number, Point & { missing: number }>();
  for (const size of sizes) {
    const which = order.slice(0, size);
    out.set(size, { ...fitAndMeasure(data, which, seed).point, missing: missing(data, which) });
    console.error(`  random seed ${seed} n=${size}: accuracy ${out.get(size)!.accuracy.toFixed(4)}`);
  }
  return out;
}

/**
 * Uncertainty sampling from a random seed set (the first 2 × L of the same random order the random runs use):
 * train, rank the pool (the rest of the train split; its labels are not looked at), label the most uncertain batch
 * with the pool's gold labels (the oracle), retrain, until the largest budget.
 *
 * The loop trains with `holdoutFraction: 0`. The final fit of `train` is on all given examples with the same seed
 * either way, so the weights (and the test accuracy) are those of the default `train` at that size; only the
 * held-out temperature is missing (T = 1), and the pool is ranked on those T = 1 probabilities. At each budget the
 * default `train` (with its held-out temperature) is run as well: that is the model reported, ECE included.
 */
function activeRun(data: Data, sizes: number[], strategy: UncertaintyStrategy, seed: number): ActiveRun {
  const t0 = performance.now();
  const L = data.labels.length;
  const labeled = randomOrder(data.train.length, seed).slice(0, SEED_PER_LABEL * L);
  const inPool = new Uint8Array(data.train.length).fill(1);
  for (const i of labeled) inPool[i] = 0;
  const run: ActiveRun = { curve: [], finals: new Map(), rounds: 0, wallSeconds: 0, loopTrainSeconds: 0, rankSeconds: 0, ranked: 0, missingLabels: new Map(), mismatches: 0 };
  const last = sizes[sizes.length - 1]!;
  for (;;) {
    const n = labeled.length;
    const r = train(labeled.map((i) => data.train[i]!), { seed, labels: data.labels, holdoutFraction: 0 });
    run.loopTrainSeconds += r.trainSeconds;
    const m = measure(r.model, data);
    run.curve.push({ n, accuracy: m.accuracy, macroF1: m.macroF1 });
    if (sizes.includes(n)) {
      const final = fitAndMeasure(data, labeled, seed).point;
      if (final.accuracy !== m.accuracy) {
        run.mismatches++;
        console.error(`  warning: default train and holdoutFraction 0 differ in accuracy at n=${n} (${final.accuracy} vs ${m.accuracy})`);
      }
      run.finals.set(n, final);
      run.missingLabels.set(n, missing(data, labeled));
      console.error(`  ${strategy} seed ${seed} n=${n}: accuracy ${final.accuracy.toFixed(4)} (round ${run.rounds})`);
    }
    if (n >= last) break;
    const next = sizes.find((s) => s > n)!;
    const batch = Math.min(next - n, Math.max(L, Math.round(BATCH_FRACTION * n)));
    const t1 = performance.now();
    const pool: number[] = [];
    for (let i = 0; i < inPool.length; i++) if (inPool[i]) pool.push(i);
    const probs = pool.map((i) => r.model.scores(data.trainFeatures[i]!));
    const { indices } = rankProbabilities(probs, { multiLabel: false, strategy, limit: batch });
    for (const j of indices) {
      labeled.push(pool[j]!);
      inPool[pool[j]!] = 0;
    }
    run.rankSeconds += (performance.now() - t1) / 1000;
    run.ranked += pool.length;
    run.rounds++;
  }
  run.wallSeconds = (performance.now() - t0) / 1000;
  return run;
}

/** Labels at which a curve (sizes increasing) first reaches `target`, interpolated linearly; undefined if never. */
function labelsToReach(curve: { n: number; accuracy: number }[], target: number): number | undefined {
  for (let i = 0; i < curve.length; i++) {
    const b = curve[i]!;
    if (b.accuracy < target) continue;
    const a = curve[i - 1];
    if (!a) return b.n;
    return a.n + ((target - a.accuracy) / (b.accuracy - a.accuracy)) * (b.n - a.n);
  }
  return undefined;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** sample standard deviation (0 for one value) */
const sd = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const f4 = (x: number) => x.toFixed(4);
const f3 = (x: number) => x.toFixed(3);
const int = (x: number) => Math.round(x).toLocaleString('en');
/** mean ± sd over runs (just the value for one run) */
const ms = (xs: number[], d = 4) => (xs.length > 1 ? `${mean(xs).toFixed(d)} ± ${sd(xs).toFixed(d)}` : xs[0]!.toFixed(d));
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

interface TaskResult { section: string; summary: string[]; reading: string; checks: number; mismatches: number }

function runTask(task: Task): TaskResult {
  console.error(`== ${task.name}`);
  const tPrep = performance.now();
  const data = prepare(task);
  const L = data.labels.length;
  const sizes = BUDGETS_PER_LABEL.map((k) => k * L);
  if (sizes[sizes.length - 1]! > data.train.length) throw new Error(`${task.name}: budget ${sizes[sizes.length - 1]} exceeds the train split (${data.train.length})`);
  const prepSeconds = (performance.now() - tPrep) / 1000;

  const tRandom = performance.now();
  const random = RANDOM_SEEDS.map((seed) => randomRun(data, sizes, seed));
  const randomWall = (performance.now() - tRandom) / 1000;
  const { point: all, model: allModel } = fitAndMeasure(data, data.train.map((_, i) => i), 1);
  console.error(`  all n=${data.train.length}: accuracy ${all.accuracy.toFixed(4)}`);

  const active = new Map<UncertaintyStrategy, ActiveRun[]>();
  for (const strategy of STRATEGIES) active.set(strategy, ACTIVE_SEEDS[strategy].map((seed) => activeRun(data, sizes, strategy, seed)));

  // throughput of the public helper (featurize + score + rank) with the all-data model over the test texts
  const texts = data.test.map((e) => e.text);
  rankByUncertainty(allModel, texts.slice(0, 200));
  const tRank = performance.now();
  rankByUncertainty(allModel, texts, { strategy: 'margin', limit: 100 });
  const rankPerSec = texts.length / ((performance.now() - tRank) / 1000);

  // tables
  const col = (runs: Map<number, Point>[], size: number, key: keyof Metrics | 'trainSeconds') => runs.map((r) => r.get(size)![key]);
  const activeFinals = (s: UncertaintyStrategy) => active.get(s)!.map((r) => r.finals);
  const head = ['labels per label', 'labeled texts', ...['random', ...STRATEGIES.map((s) => `active (${s})`)].map((h, i) => {
    const runs = i === 0 ? RANDOM_SEEDS.length : ACTIVE_SEEDS[STRATEGIES[i - 1]!].length;
    return `${h}: accuracy${runs > 1 ? ` (${runs} runs)` : ''}`;
  })];
  const accRows = sizes.map((size, b) => `| ${BUDGETS_PER_LABEL[b]} | ${int(size)} | ${ms(col(random, size, 'accuracy'))} | ${STRATEGIES.map((s) => ms(col(activeFinals(s), size, 'accuracy'))).join(' | ')} |`);
  accRows.push(`| all | ${int(data.train.length)} | ${f4(all.accuracy)} | ${STRATEGIES.map(() => '(same set)').join(' | ')} |`);
  const detailHead = '| labels per label | strategy | runs | accuracy | macro-F1 | ECE (15 bins) | train s (default settings) | labels with no example |';
  const detailRows: string[] = [];
  sizes.forEach((size, b) => {
    detailRows.push(`| ${BUDGETS_PER_LABEL[b]} | random | ${random.length} | ${ms(col(random, size, 'accuracy'))} | ${ms(col(random, size, 'macroF1'))} | ${ms(col(random, size, 'ece'))} | ${ms(col(random, size, 'trainSeconds'), 2)} | ${ms(random.map((r) => r.get(size)!.missing), 1)} |`);
    for (const s of STRATEGIES) {
      const runs = active.get(s)!;
      detailRows.push(`| ${BUDGETS_PER_LABEL[b]} | active (${s}) | ${runs.length} | ${ms(col(activeFinals(s), size, 'accuracy'))} | ${ms(col(activeFinals(s), size, 'macroF1'))} | ${ms(col(activeFinals(s), size, 'ece'))} | ${ms(col(activeFinals(s), size, 'trainSeconds'), 2)} | ${ms(runs.map((r) => r.missingLabels.get(size)!), 1)} |`);
    }
  });
  detailRows.push(`| all | — | 1 | ${f4(all.accuracy)} | ${f4(all.macroF1)} | ${f4(all.ece)} | ${all.trainSeconds.toFixed(2)} | 0 |`);

  // labels needed by active to reach random's mean accuracy at each budget (sizes are the same in every run of a
  // strategy, so the curves are averaged point by point first)
  const meanCurve = (s: UncertaintyStrategy) => {
    const runs = active.get(s)!;
    return runs[0]!.curve.map((p, i) => ({ n: p.n, accuracy: mean(runs.map((r) => r.curve[i]!.accuracy)) }));
  };
  const reachHead = `| target: random's accuracy at | target accuracy | ${STRATEGIES.map((s) => `active (${s}) reaches it with`).join(' | ')} |`;
  const reachRows: string[] = [];
  sizes.forEach((size, b) => {
    const target = mean(col(random, size, 'accuracy'));
    const cells = STRATEGIES.map((s) => {
      const need = labelsToReach(meanCurve(s), target);
      if (need === undefined) return `not within ${int(sizes[sizes.length - 1]!)} labels`;
      const seedSize = SEED_PER_LABEL * L;
      if (need <= seedSize) return `≤ ${int(seedSize)} labels (the seed set)`;
      return need <= size
        ? `${int(need)} labels (${(size / need).toFixed(2)}× fewer, −${int(size - need)})`
        : `${int(need)} labels (${(need / size).toFixed(2)}× more, +${int(need - size)})`;
    });
    reachRows.push(`| ${BUDGETS_PER_LABEL[b]} per label (${int(size)}) | ${f4(target)} | ${cells.join(' | ')} |`);
  });

  const topSize = sizes[sizes.length - 1]!;
  const accMean = (runs: Map<number, Point>[], size: number) => mean(col(runs, size, 'accuracy'));
  const need = labelsToReach(meanCurve('margin'), accMean(random, topSize));
  const summary = [
    `${task.name}: ${sizes.map((size, b) => `${BUDGETS_PER_LABEL[b]}/label random ${f4(accMean(random, size))} vs ${STRATEGIES.map((s) => `${s} ${f4(accMean(activeFinals(s), size))}`).join(' / ')}`).join('; ')}; all ${f4(all.accuracy)}`,
    `  margin reaches random's top-budget accuracy with ${need === undefined ? '(not reached)' : int(need)} of ${int(topSize)} labels`,
    `  ECE at the top budget: random ${f4(mean(col(random, topSize, 'ece')))}, ${STRATEGIES.map((s) => `${s} ${f4(mean(col(activeFinals(s), topSize, 'ece')))}`).join(', ')}, all ${f4(all.ece)}`,
  ];
  const reading = readResults(task, L, sizes, random, STRATEGIES.map((s) => activeFinals(s)), all, need);

  // wall time
  const timeRows = [
    `| random (${random.length} run${random.length > 1 ? 's' : ''} × ${sizes.length} budgets) | ${randomWall.toFixed(1)} | ${sizes.length * random.length} default trainings |`,
    `| all data (1 run) | ${all.trainSeconds.toFixed(1)} | 1 default training |`,
    ...STRATEGIES.map((s) => {
      const runs = active.get(s)!;
      return `| active (${s}), per run | ${ms(runs.map((r) => r.wallSeconds), 1)} | ${runs[0]!.rounds} rounds: loop training ${ms(runs.map((r) => r.loopTrainSeconds), 1)} s, ranking the pool ${ms(runs.map((r) => r.rankSeconds), 1)} s (${int(mean(runs.map((r) => r.ranked / r.rankSeconds)))} texts/s, features cached), ${sizes.length} default trainings at the budgets |`;
    }),
  ];

  const section = [
    `### ${task.name} (train ${int(data.train.length)}, test ${int(data.test.length)}, ${L} labels)`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...accRows,
    '',
    'Labels needed by active learning to reach the accuracy random selection reaches at each budget (interpolated on the active curve, one point per round, averaged over runs):',
    '',
    reachHead,
    `|${['', '', ...STRATEGIES].map(() => '---').join('|')}|`,
    ...reachRows,
    '',
    'All measurements of the models at the budgets (mean ± sd over runs):',
    '',
    detailHead,
    '|---|---|---|---|---|---|---|---|',
    ...detailRows,
    '',
    'Wall time (s):',
    '',
    '| part | wall s | |',
    '|---|---|---|',
    ...timeRows,
    `| loading + featurizing | ${prepSeconds.toFixed(1)} | |`,
    '',
    `- \`rankByUncertainty(model, texts, { strategy: 'margin', limit: 100 })\` on the ${int(texts.length)} test texts with the all-data model: ${int(rankPerSec)} texts/s (featurize, score, rank).`,
    '',
  ].join('\n');
  const runs = [...active.values()].flat();
  return { section, summary, reading, checks: runs.length * sizes.length, mismatches: runs.reduce((a, r) => a + r.mismatches, 0) };
}

async function main() {
  if (!existsSync(join(DATASETS, 'banking77'))) {
    console.error(`datasets not found at ${DATASETS} (set CALLSIGHT_DATASETS)`);
    process.exit(1);
  }
  const started = new Date();
  const t0 = performance.now();
  const loads = [loadavg()[0] ?? 0];
  const results: TaskResult[] = [];
  for (const task of TASKS) {
    results.push(runTask(task));
    loads.push(loadavg()[0] ?? 0);
  }
  const totalMinutes = (performance.now() - t0) / 60000;
  const cpu = process.cpuUsage();
  const cpuMinutes = (cpu.user + cpu.system) / 6e7;
  const maxLoad = Math.max(...loads);
  const checks = results.reduce((a, r) => a + r.checks, 0), mismatches = results.reduce((a, r) => a + r.mismatches, 0);
  const body = [
    `Command: \`npm run bench -- learning-curve\` (bench/learning-curve.ts), ${started.toISOString().slice(0, 10)}, ${machine()}; sequential, single-threaded; ${totalMinutes.toFixed(1)} min wall, ${cpuMinutes.toFixed(1)} min CPU. ` +
      `1-min load average at the start and after each dataset: ${loads.map((x) => x.toFixed(2)).join(', ')}` +
      (maxLoad > 1.5 ? ' — other work shared the 2 cores, so the wall times below are inflated (CPU time is the better guide to cost); accuracies are unaffected (everything is seeded).' : '.'),
    '',
    'Setup:',
    `- Budgets are ${BUDGETS_PER_LABEL.join(', ')} labeled examples per label on average (total = k × number of labels), and all of the train split. Every model is \`train(examples, { seed, labels })\` with the engine defaults (4 epochs, 20% held out for the temperature, refit on all); the label set is passed up front, as a Callsight model's taxonomy is. Metrics are on the full test split; ECE is \`expectedCalibrationError\` of the top-1 score (15 bins) as \`evaluateProbabilities\` reports it.`,
    `- **random**: the first n examples of a seeded random order of the train split (budgets nested, as when labeling in that order); ${RANDOM_SEEDS.length} seed${RANDOM_SEEDS.length > 1 ? 's, mean ± sample sd' : ''}.`,
    `- **active**: starts from a random seed set of ${SEED_PER_LABEL} × (number of labels) — the first examples of the same random order, so random and active share their starting point and coverage of labels is not given for free. Then rounds of: train, rank the pool (the rest of the train split, labels unseen) with \`rankProbabilities\` (lib/classify/uncertainty.ts), label the ${BATCH_FRACTION * 100}% most uncertain (at least as many texts as there are labels, never past the next budget) with the pool's gold labels, as an oracle labeler would. **margin** (1 − (p1 − p2)) is the primary strategy (${ACTIVE_SEEDS.margin.length} run${ACTIVE_SEEDS.margin.length > 1 ? 's' : ''}, seed${ACTIVE_SEEDS.margin.length > 1 ? 's' : ''} ${ACTIVE_SEEDS.margin.join(', ')}): it scores the decision the model is about to make, while normalized entropy (${ACTIVE_SEEDS.entropy.length} run${ACTIVE_SEEDS.entropy.length > 1 ? 's' : ''}) also counts how the rest of the probability spreads over the tail of 77–150 labels.`,
    `- Loop models are trained with \`holdoutFraction: 0\` to halve the cost of each round: the final fit of \`train\` uses all given examples with the same seed either way, so weights and test accuracy are exactly those of the default model at that size (checked at every budget of every run: ${checks} checks, ${mismatches === 0 ? 'all identical' : `${mismatches} differed`}); they lack only the held-out temperature, so the pool is ranked on T = 1 probabilities. At each budget the default \`train\` is run too, and that model is the one reported (accuracy, macro-F1, ECE, train s). Same epochs everywhere.`,
    '',
    ...results.map((r) => r.section),
    '### What this says',
    '',
    interpretation(results),
  ].join('\n');
  console.log(body);
  console.error(results.flatMap((r) => r.summary).join('\n'));
  if (WRITE) {
    await writeSection(TITLE, body); // replaces only this section of docs/benchmarks.md
    console.error(`wrote docs/benchmarks.md (## ${TITLE})`);
  }
}

/** A difference between two sets of runs counts when it exceeds twice the larger seed-to-seed sd (at least 0.2 points). */
function verdict(a: number[], b: number[]): 'better' | 'worse' | 'same' {
  const diff = mean(a) - mean(b);
  const noise = Math.max(sd(a), sd(b), 0.002);
  return diff > 2 * noise ? 'better' : diff < -2 * noise ? 'worse' : 'same';
}

const list = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** The reading of one dataset's tables, in words generated from the numbers (so that a re-run cannot contradict it). */
function readResults(
  task: Task, L: number, sizes: number[], random: Map<number, Point>[], active: Map<number, Point>[][], all: Point, need: number | undefined,
): string {
  const values = (runs: Map<number, Point>[], size: number, key: keyof Metrics) => runs.map((r) => r.get(size)![key]);
  const k = (b: number) => `${BUDGETS_PER_LABEL[b]}`;
  const [margin, entropy] = [active[STRATEGIES.indexOf('margin')]!, active[STRATEGIES.indexOf('entropy')]!];
  const out: string[] = [];
  // margin against random, budget by budget
  const groups = new Map<string, string[]>();
  sizes.forEach((size, b) => {
    const v = verdict(values(margin, size, 'accuracy'), values(random, size, 'accuracy'));
    const d = mean(values(margin, size, 'accuracy')) - mean(values(random, size, 'accuracy'));
    const f = mean(values(margin, size, 'macroF1')) - mean(values(random, size, 'macroF1'));
    (groups.get(v) ?? groups.set(v, []).get(v)!).push(`${k(b)}/label (${pts(d)} points accuracy, ${pts(f)} macro-F1)`);
  });
  const parts: string[] = [];
  if (groups.get('better')) parts.push(`beats random selection at ${list(groups.get('better')!)}`);
  if (groups.get('same')) parts.push(`makes no clear difference at ${list(groups.get('same')!)}, within the seed-to-seed spread`);
  if (groups.get('worse')) parts.push(`is worse than random selection at ${list(groups.get('worse')!)}`);
  out.push(`Labeling the smallest-margin texts first ${list(parts)}.`);
  const top = sizes.length - 1, topSize = sizes[top]!;
  const randomTop = mean(values(random, topSize, 'accuracy')), marginTop = mean(values(margin, topSize, 'accuracy'));
  out.push(need === undefined
    ? `It does not reach random's ${k(top)}/label accuracy (${f4(randomTop)}) within ${int(topSize)} labels.`
    : `It reaches random's ${k(top)}/label accuracy (${f4(randomTop)}) with about ${int(need)} labels instead of ${int(topSize)}: ${(topSize / need).toFixed(2)}× fewer, ${Math.round((1 - need / topSize) * 100)}% of the labels saved.`);
  const vsAll = (acc: number) => {
    const d = acc - all.accuracy;
    return Math.abs(d) < 0.0005 ? 'level with it' : `${Math.abs(d * 100).toFixed(1)} points ${d > 0 ? 'above' : 'below'} it`;
  };
  out.push(`Against the model trained on all ${int(all.n)} labeled texts (${f4(all.accuracy)}), margin at ${k(top)}/label (${int(topSize)} labels, ${f4(marginTop)}) is ${vsAll(marginTop)}, random ${vsAll(randomTop)}.`);
  // entropy, the secondary strategy
  const eBelowM = sizes.filter((size) => mean(values(entropy, size, 'accuracy')) < mean(values(margin, size, 'accuracy'))).length;
  const eVsR = sizes.map((size, b) => ({ b, v: verdict(values(entropy, size, 'accuracy'), values(random, size, 'accuracy')) }));
  const eWord = (v: string) => eVsR.filter((x) => x.v === v).map((x) => `${k(x.b)}/label`);
  const eParts = [
    eWord('better').length ? `better at ${list(eWord('better'))}` : '',
    eWord('same').length ? `not clearly different at ${list(eWord('same'))}` : '',
    eWord('worse').length ? `worse at ${list(eWord('worse'))}` : '',
  ].filter(Boolean);
  out.push(`Entropy (${entropy.length} run${entropy.length > 1 ? 's' : ''}) is below margin at ${eBelowM} of ${sizes.length} budgets; against random it is ${eParts.join(', ')}.` +
    (eBelowM === sizes.length ? ` A likely reason: with ${L} labels, normalized entropy is driven by how the leftover probability spreads over the tail rather than by the choice between the top two labels.` : ''));
  // calibration
  const ece = (runs: Map<number, Point>[]) => mean(values(runs, topSize, 'ece'));
  const gap = (runs: Map<number, Point>[]) => mean(values(runs, topSize, 'confidence')) - mean(values(runs, topSize, 'accuracy'));
  const side = (g: number) => `${g < 0 ? 'underconfident' : 'overconfident'} (mean top-1 score ${Math.abs(g * 100).toFixed(1)} points ${g < 0 ? 'below' : 'above'} accuracy)`;
  const eceLower = sizes.filter((size) => mean(values(margin, size, 'ece')) < mean(values(random, size, 'ece'))).length;
  out.push(`Calibration at ${k(top)}/label: test ECE ${f3(ece(random))} for random and ${f3(ece(margin))} for margin (all data: ${f3(all.ece)}); random models are ${side(gap(random))}, margin models ${side(gap(margin))}. Margin's ECE is lower than random's at ${eceLower} of ${sizes.length} budgets.` +
    (ece(margin) > ece(random) + 0.005 && gap(margin) < 0
      ? ' A likely cause: the margin set is harder than the test distribution, so the temperature fitted on its own 20% held-out part makes the model too modest on ordinary traffic; refitting the temperature on a random labeled sample is the fix to try (not measured here).'
      : ''));
  return `**${task.name}.** ${out.join(' ')}`;
}

/** The reading of all results: generated per dataset, plus the caveats that hold whatever the numbers. */
function interpretation(results: TaskResult[]): string {
  return [
    ...results.map((r) => r.reading),
    'Caveats: both pools are clean benchmark queries with one correct intent each. A real queue also holds empty, off-topic and garbled transcripts, and uncertainty sampling puts exactly those first (CLINC150\'s out-of-scope queries were left out here); the queue needs a "skip / not a valid example" action, and skipped texts cost labeling time this benchmark does not count. The oracle answers instantly and never errs, while people labeling the hardest texts first disagree more often. The budgets count labels, not time: a batch of ambiguous texts takes longer to label than a random one.',
  ].join('\n\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
