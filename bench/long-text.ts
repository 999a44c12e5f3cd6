// Long conversations with little training data: our engine against TF-IDF + LinearSVC on multi-turn customer-service
// chats of ~900–1,000 characters in which the label's signal is a small part of the text (issue 15).
//
//   npm run bench -- long-text                       # full run, rewrites "## Long conversations" in docs/benchmarks.md
//   LONG_TEXT_QUICK=1 npx tsx bench/long-text.ts     # one construction seed, print only (development)
//   npx tsx bench/long-text.ts --no-write            # full run, print only
//
// Construction (deterministic: lib/classify/rng.ts, one seed per construction; nothing is written to disk but
// temporary JSONL files for the sklearn baseline). Public data from $CALLSIGHT_DATASETS (default ../shared/datasets).
// A conversation with label L alternates "Agent: …" and "Customer: …" lines:
//   1. an agent greeting (pool below, with an agent name and a company);
//   2. the customer's opening: an utterance of L, sometimes with "Hi, " etc. in front;
//   3. an identity check and the customer's answer (name, date of birth, account number, e-mail, postcode: random);
//   4. "let me look into that" / "can you tell me more" from the agent, then the customer restates the problem with
//      ANOTHER utterance of the same fine-grained intent as the opening (so, for a domain label, the same intent);
//   5. filler pairs (agent hold messages, apologies, checks; customer small talk, thanks, "ok"), added before or after
//      the restatement until the text reaches a target length drawn uniformly from [900, 1000] characters (nothing is
//      cut: a pair that would pass 1,000 characters is skipped, and a conversation whose own turns are longer stays so);
//   6. a closing exchange.
// Only the two customer utterances carry the label (~80–150 characters of ~950); every agent line, identity
// answer and filler is drawn independently of the label, from pools shared by training and test.
// Tasks:
//   - clinc150 domain (10 labels): 1,000 training conversations, 100 per domain, each from one CLINC150 intent of
//     that domain (intents taken in turn), utterances from the train split; test conversations pair up every test-split
//     utterance of an intent (30 a intent -> 15 conversations, 2,250 in all).
//   - banking77 intent (55 labels): 55 of the 77 BANKING77 intents (a fixed seeded choice, the same for every
//     construction seed), 1,001 training conversations (18 or 19 per intent), utterances from the train split;
//     test conversations pair up every test-split utterance of those intents (40 an intent -> 1,100).
// Within a split no utterance is used twice until that intent's pool is exhausted (the bench reports how many training
// utterances are used twice: 0–2 per construction), and test conversations are built only from test-split utterances,
// so none of them appears in a training conversation. Each construction seed reshuffles which utterances, fillers,
// names and lengths are used. `buildTask(task, seed, 'unused-train')` builds the "test" conversations from train-split
// utterances that no training conversation uses instead: the validation set the engine's choices were made on.
// Systems: our engine with train() defaults (seed 1; on these texts it chooses the 'hinge' loss), the engine as it was
// before issue 15 (ENGINE_BEFORE below), and TF-IDF (word 1-2 + char_wb 2-5, sublinear tf) + LinearSVC(C=1)
// (bench/baselines/tfidf_svc.py, /usr/bin/python3 + python3-sklearn). One process at a time.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Rng, evaluate, train, type LabeledExample, type TrainOptions } from '../lib/classify';
import { LONG_TEXT_CHARS, chooseLoss } from '../lib/classify/train';
import { DATASETS, loadSplit } from './datasets';
import { machine, writeSection } from './stats';

const QUICK = process.env.LONG_TEXT_QUICK === '1';
const WRITE = !QUICK && !process.argv.includes('--no-write');
const TITLE = 'Long conversations';
const PY = '/usr/bin/python3';

export const CONSTRUCTION_SEEDS = QUICK ? [1] : [1, 2, 3];
const MIN_CHARS = 900;
const MAX_CHARS = 1000;

/**
 * train() options that reproduce the engine before issue 15: softmax + SGD was its only learner, and with `loss` given
 * train() keeps that learner's defaults, byte for byte (the default `loss` is now chosen from the texts' length).
 */
export const ENGINE_BEFORE: TrainOptions = { loss: 'softmax' };

export interface LongTextTask {
  name: string;
  dir: string;
  /** the label of a conversation */
  field: string;
  /** the fine-grained unit both customer utterances of a conversation come from */
  unitField: string;
  /** number of labels to keep (null = all), chosen with a fixed seed */
  keepLabels: number | null;
  trainConversations: number;
}

export const TASKS: LongTextTask[] = [
  { name: 'clinc150 domain (10 labels)', dir: 'clinc150', field: 'domain', unitField: 'intent', keepLabels: null, trainConversations: 1000 },
  { name: 'banking77 intent (55 labels)', dir: 'banking77', field: 'intent', unitField: 'intent', keepLabels: 55, trainConversations: 1001 },
];

// ---------------------------------------------------------------------------------------------------------------
// Pools of generic turns. {agent} {company} {name} {first} {dob} {account} {email} {postcode} {last4} {minutes} are
// filled at random.

const AGENTS = ['Sam', 'Priya', 'Tom', 'Aisha', 'Lukas', 'Maria', 'Jon', 'Chen', 'Fatima', 'Olivia', 'Diego', 'Hannah'];
const COMPANIES = ['Northwind', 'Brightline', 'Callsight Demo', 'Evergreen', 'Bluebird', 'Harbour & Co'];
const FIRST = ['James', 'Anna', 'Mohammed', 'Laura', 'Peter', 'Sofia', 'Daniel', 'Emma', 'Raj', 'Julia', 'Kevin', 'Ingrid', 'Tariq', 'Grace'];
const LAST = ['Smith', 'Patel', 'Nguyen', 'Johansson', 'Garcia', 'Okafor', 'Brown', 'Novak', 'Kim', 'Murphy', 'Rossi', 'Schmidt'];

const GREETINGS = [
  'Hi, you are through to {agent} at {company} support. How can I help you today?',
  'Good morning and thank you for contacting {company}. My name is {agent}, what can I do for you?',
  'Hello and welcome to {company} chat. I am {agent}. How may I help?',
  'Hi there, thanks for getting in touch with {company}. You are chatting with {agent}. What can I help with?',
  'Good afternoon, {agent} here from the {company} customer care team. How can I assist you today?',
  'Thanks for waiting. My name is {agent} and I will be looking after you today. What seems to be the problem?',
  'Hello! You have reached {company}. This is {agent}, how can I help you?',
  'Hi, welcome to {company}. I am {agent}, one of the support advisors. What brings you here today?',
];
const OPENING_PREFIXES = ['', '', '', 'Hi, ', 'Hello. ', 'Hi there, ', 'Good morning. ', 'hey ', 'Hi {agent}, ', 'Hello, quick question. '];
/** identity checks, each with the answers that fit it */
const IDENTITY: [string, string[]][] = [
  ['I can help with that. Before I go any further, could you confirm your full name and date of birth, please?', ['Sure, it is {name}, born {dob}.', '{name}, {dob}', 'Sure thing. {name}, date of birth {dob}.']],
  ['Happy to help. Can I take the account number or the email address on the account, please?', ['Account number is {account}.', 'It is {email}', 'ok it is {account}']],
  ['Sure. For security reasons I need to verify a few details first. What is your postcode and date of birth?', ['{postcode}, and my date of birth is {dob}.', '{postcode} {dob}']],
  ['Thanks for explaining. Could you please confirm the name and the email address registered with us?', ['Yes, {name}, {email}', '{name}. The email should be {email}']],
  ['I will look into it. First, can you tell me your account number so I can pull up your details?', ['ok it is {account}', 'Sure, {account}.', 'I think it is {account}, one sec... yes that is right.']],
  ['No problem at all. Just so I can find you in our system, what is your full name and postcode?', ['{name}. Postcode {postcode}.', 'It is {name}, {postcode}']],
  ['I am sorry to hear that. To get started, can you confirm the last four digits of the account and your date of birth?', ['the last four are {last4}, dob {dob}', 'Sure thing. Date of birth {dob}, and the account ends in {last4}.']],
  ['Of course. I just need to run a quick security check. Can you give me your customer number, please?', ['My customer number is {account}.', 'It is {account}, name {name}.']],
];
const AGENT_AFTER_CHECK = [
  'Thank you, {first}. Let me look into that for you.',
  'Thanks for confirming. Please bear with me for a couple of minutes while I check your account.',
  'Thank you, that matches what I have here. Let me have a look.',
  'Great, I have found your details. Give me a moment to go through this.',
  'Perfect, thank you. I am just reviewing the information on my side now.',
  'Thanks {first}, you are verified. Let me see what I can do.',
];
const AGENT_TELL_MORE = [
  'Could you tell me a bit more about what happened?',
  'Just so I understand correctly, can you describe the issue again in a bit more detail?',
  'Can you explain exactly what you need from us today?',
  'I want to make sure I get this right. What exactly is it that you would like me to do?',
  'Could you give me a little more detail, please?',
  'Sorry, the message got cut off on my side. Could you say that again?',
];
const RESTATE_PREFIXES = ['', '', 'Basically, ', 'Like I said, ', 'To be clear, ', 'So ', 'Yes, ', 'As I mentioned, ', 'ok so ', 'Again, '];
const AGENT_FILLERS = [
  'I apologise for the inconvenience this has caused.',
  'I am just going to place you on a short hold while I look at this, it should not take more than {minutes} minutes.',
  'Thanks for your patience, I am still checking.',
  'I understand how frustrating that must be.',
  'Thank you for holding. I am nearly there.',
  'Please stay on the chat, I am checking with a colleague.',
  'I really appreciate your patience with this.',
  'Sorry for the wait, our systems are a little slow today.',
  'Let me just double check something on my end.',
  'Bear with me one moment, please.',
  'I can see your details here, just reading through the notes.',
  'Okay, I am going to make a note of this on your profile.',
  'Sorry about that, I know this is not the experience you expected.',
  'Are you still there? I just want to make sure we did not get disconnected.',
  'Thanks, that is helpful to know.',
  'I have escalated similar requests before, so I know what to check.',
];
const CUSTOMER_FILLERS = [
  'ok',
  'Thanks.',
  'Sure, no problem.',
  'Sorry, I am on my phone so typing is slow.',
  'No rush, I am on my lunch break.',
  'Thanks, I appreciate it.',
  'Ok, I will wait.',
  'yes still here',
  'Alright, thank you.',
  'Sorry, my kids are being loud in the background.',
  'That is fine.',
  'Great, thanks for your help so far.',
  'ok cool',
  'I have been trying to sort this out all morning to be honest.',
  'Sorry, what was that?',
  'Yes please.',
  'Hmm ok.',
  'Thank you so much.',
  'I have a meeting in {minutes} minutes so hopefully this is quick.',
  'It is raining here so I am stuck inside anyway.',
];
const CLOSINGS: [string, string, string][] = [
  ['Is there anything else I can help you with today?', 'No, that is all, thanks.', 'You are welcome. Thank you for contacting {company}, have a great day!'],
  ['Is there anything else I can do for you?', 'No thank you, bye.', 'Thanks for chatting with us, {first}. Take care!'],
  ['Does that answer your question?', 'Yes, thanks a lot.', 'Glad I could help. Have a lovely rest of your day.'],
  ['Anything else before I close the chat?', 'nope, thats everything', 'Thank you, {first}. You may receive a short survey after this chat.'],
  ['Have I resolved everything for you today?', 'Yes I think so. Thanks.', 'Perfect. Thanks for being a {company} customer, goodbye!'],
];

// ---------------------------------------------------------------------------------------------------------------

interface Utterance { text: string; label: string; unit: string }

function loadUtterances(task: LongTextTask, split: string): Utterance[] {
  return readFileSync(join(DATASETS, task.dir, `${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l);
      return { text: String(o.text).trim(), label: String(o[task.field]), unit: String(o[task.unitField]) };
    });
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.nextInt(xs.length)]!;
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(rng.nextInt(10))).join('');

/** Fills the {slot}s of a template with one conversation's values. */
function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? `{${k}}`);
}

/** One conversation around the two customer utterances `a` (opening) and `b` (restatement). */
function conversation(rng: Rng, a: string, b: string): string {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const slots: Record<string, string> = {
    agent: pick(rng, AGENTS),
    company: pick(rng, COMPANIES),
    first,
    name: `${first} ${last}`,
    dob: `${1 + rng.nextInt(28)}/${1 + rng.nextInt(12)}/${1950 + rng.nextInt(55)}`,
    account: digits(rng, 8),
    email: `${first.toLowerCase()}.${last.toLowerCase()}${rng.nextInt(100)}@example.com`,
    postcode: `${String.fromCharCode(65 + rng.nextInt(26))}${String.fromCharCode(65 + rng.nextInt(26))}${1 + rng.nextInt(20)} ${rng.nextInt(10)}${String.fromCharCode(65 + rng.nextInt(26))}${String.fromCharCode(65 + rng.nextInt(26))}`,
    last4: digits(rng, 4),
    minutes: String(2 + rng.nextInt(4)),
  };
  const agent = (t: string) => `Agent: ${fill(t, slots)}`;
  const customer = (t: string) => `Customer: ${fill(t, slots)}`;
  const [check, answers] = pick(rng, IDENTITY);
  const head = [
    agent(pick(rng, GREETINGS)),
    customer(pick(rng, OPENING_PREFIXES) + a),
    agent(check),
    customer(pick(rng, answers)),
    agent(pick(rng, AGENT_AFTER_CHECK)),
  ];
  const restate = [agent(pick(rng, AGENT_TELL_MORE)), customer(pick(rng, RESTATE_PREFIXES) + b)];
  const [c1, c2, c3] = pick(rng, CLOSINGS);
  const tail = [agent(c1), customer(c2), agent(c3)];
  // filler pairs go into the gaps after the identity check: before the restatement (gap 0) or after it (gap 1)
  const gaps: string[][] = [[], []];
  const len = () => [...head, ...restate, ...tail, ...gaps[0]!, ...gaps[1]!].reduce((s, l) => s + l.length + 1, -1);
  const target = MIN_CHARS + rng.nextInt(MAX_CHARS - MIN_CHARS + 1);
  const agentPool = rng.shuffle(AGENT_FILLERS.slice());
  const customerPool = rng.shuffle(CUSTOMER_FILLERS.slice());
  for (let k = 0; k < Math.min(agentPool.length, customerPool.length) && len() < target; k++) {
    const pair = [agent(agentPool[k]!), customer(customerPool[k]!)];
    const added = pair[0]!.length + pair[1]!.length + 2;
    if (len() + added > MAX_CHARS) continue;
    gaps[rng.nextInt(2)]!.push(...pair);
  }
  return [...head, ...gaps[0]!, ...restate, ...gaps[1]!, ...tail].join('\n');
}

/** Utterances grouped by unit, each group shuffled; `next` takes them in turn (wrapping only when exhausted). */
class Pools {
  private readonly byUnit = new Map<string, string[]>();
  private readonly cursor = new Map<string, number>();
  constructor(rng: Rng, utterances: Utterance[]) {
    for (const u of utterances) {
      const g = this.byUnit.get(u.unit);
      if (g) g.push(u.text);
      else this.byUnit.set(u.unit, [u.text]);
    }
    for (const g of this.byUnit.values()) rng.shuffle(g);
  }
  next(unit: string): string {
    const g = this.byUnit.get(unit)!;
    const c = this.cursor.get(unit) ?? 0;
    this.cursor.set(unit, c + 1);
    return g[c % g.length]!;
  }
  group(unit: string): string[] {
    return this.byUnit.get(unit) ?? [];
  }
}

export interface LongTextData { train: LabeledExample[]; test: LabeledExample[]; labels: string[]; reusedTrainUtterances: number }

/**
 * The training and test conversations of `task` for construction seed `seed`. With `testFrom: 'unused-train'`
 * the "test" conversations are built instead from train-split utterances that no training conversation uses (at
 * most 40 an intent): a validation set for tuning the engine without looking at the test split.
 */
export function buildTask(task: LongTextTask, seed: number, testFrom: 'test' | 'unused-train' = 'test'): LongTextData {
  const trainUtt = loadUtterances(task, 'train');
  const testUtt = loadUtterances(task, 'test');
  let labels = [...new Set(trainUtt.map((u) => u.label))].sort();
  if (task.keepLabels !== null) labels = new Rng(77).shuffle(labels.slice()).slice(0, task.keepLabels).sort();
  const keep = new Set(labels);
  const unitsOf = new Map<string, string[]>();
  for (const u of trainUtt) {
    if (!keep.has(u.label)) continue;
    const us = unitsOf.get(u.label) ?? [];
    if (!us.includes(u.unit)) us.push(u.unit);
    unitsOf.set(u.label, us);
  }
  const rng = new Rng(1000 + seed);
  const trainPools = new Pools(rng, trainUtt.filter((u) => keep.has(u.label)));
  const testPools = new Pools(rng, testUtt.filter((u) => keep.has(u.label)));

  // training: labels in turn (a shuffled order per round), each label's units in turn (shuffled once)
  for (const us of unitsOf.values()) rng.shuffle(us.sort());
  const unitTurn = new Map<string, number>();
  const train: LabeledExample[] = [];
  const used = new Map<string, number>();
  while (train.length < task.trainConversations) {
    for (const label of rng.shuffle(labels.slice())) {
      if (train.length >= task.trainConversations) break;
      const us = unitsOf.get(label)!;
      const t = unitTurn.get(label) ?? 0;
      unitTurn.set(label, t + 1);
      const unit = us[t % us.length]!;
      const a = trainPools.next(unit), b = trainPools.next(unit);
      used.set(unit, (used.get(unit) ?? 0) + 2);
      train.push({ text: conversation(rng, a, b), labels: [label] });
    }
  }
  const reusedTrainUtterances = [...used].reduce((s, [unit, n]) => s + Math.max(0, n - trainPools.group(unit).length), 0);

  // test: every test utterance of a unit once, in pairs (an odd one out is dropped)
  const test: LabeledExample[] = [];
  for (const label of labels) {
    for (const unit of [...unitsOf.get(label)!].sort()) {
      const g = testFrom === 'test' ? testPools.group(unit) : trainPools.group(unit).slice(used.get(unit) ?? 0, (used.get(unit) ?? 0) + 40);
      for (let i = 0; i + 1 < g.length; i += 2) test.push({ text: conversation(rng, g[i]!, g[i + 1]!), labels: [label] });
    }
  }
  rng.shuffle(test);
  return { train, test, labels, reusedTrainUtterances };
}

// ---------------------------------------------------------------------------------------------------------------

interface Score { accuracy: number; macroF1: number; trainSeconds: number; loss?: string }

function engine(data: LongTextData, options: TrainOptions): Score {
  const r = train(data.train, { ...options, seed: 1 });
  const ev = evaluate(r.model, data.test);
  return { accuracy: ev.accuracy, macroF1: ev.macroF1, trainSeconds: r.trainSeconds, loss: r.loss };
}

function sklearnAvailable(): boolean {
  return spawnSync(PY, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
}

function svc(data: LongTextData): Score {
  const dir = mkdtempSync(join(tmpdir(), 'cs-long-'));
  try {
    const write = (name: string, xs: LabeledExample[]) =>
      writeFileSync(join(dir, name), xs.map((e) => JSON.stringify({ text: e.text, label: e.labels[0] })).join('\n') + '\n');
    write('train.jsonl', data.train);
    write('test.jsonl', data.test);
    const out = execFileSync(PY, [resolve(process.cwd(), 'bench/baselines/tfidf_svc.py'), join(dir, 'train.jsonl'), join(dir, 'test.jsonl'), 'label', '--quality-only'], { encoding: 'utf8', maxBuffer: 1 << 24 });
    return JSON.parse(out.trim().split('\n').pop()!) as Score;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** mean ± half the range over construction seeds */
const spread = (xs: number[], d = 4) => `${mean(xs).toFixed(d)} ± ${((Math.max(...xs) - Math.min(...xs)) / 2).toFixed(d)}`;

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const loads = [loadavg()[0]!];
  const haveSklearn = sklearnAvailable();
  const SYSTEMS = ['engine before', 'engine after', 'TF-IDF + LinearSVC'] as const;
  const tables: string[] = [];
  const shapes: string[] = [];
  for (const task of TASKS) {
    const results = new Map<string, Score[]>(SYSTEMS.map((s) => [s, []]));
    for (const seed of CONSTRUCTION_SEEDS) {
      const data = buildTask(task, seed);
      if (seed === CONSTRUCTION_SEEDS[0]) {
        const chars = data.train.map((e) => e.text.length);
        shapes.push(`${task.name}: ${data.labels.length} labels, ${data.train.length.toLocaleString('en')} training / ${data.test.length.toLocaleString('en')} test conversations, ` +
          `${Math.round(mean(chars))} characters on average (${Math.min(...chars)}–${Math.max(...chars)}), ${data.reusedTrainUtterances} training utterances used twice`);
      }
      const before = engine(data, ENGINE_BEFORE);
      const after = engine(data, {});
      results.get(SYSTEMS[0])!.push(before);
      results.get(SYSTEMS[1])!.push(after);
      const line = [`${task.name} seed ${seed}: before ${before.accuracy.toFixed(4)} (${before.trainSeconds.toFixed(1)} s), after ${after.accuracy.toFixed(4)} (${after.loss}, ${after.trainSeconds.toFixed(1)} s)`];
      if (haveSklearn) {
        const s = svc(data);
        results.get(SYSTEMS[2])!.push(s);
        line.push(`svc ${s.accuracy.toFixed(4)} (${s.trainSeconds.toFixed(1)} s)`);
      }
      console.log(line.join(', '));
      loads.push(loadavg()[0]!);
    }
    const rows = SYSTEMS.map((s) => {
      const rs = results.get(s)!;
      if (rs.length === 0) return `| ${s} | skipped (python3-sklearn not installed) | | |`;
      const losses = [...new Set(rs.map((r) => r.loss).filter(Boolean))];
      return `| ${s}${losses.length ? ` (loss: ${losses.join(', ')})` : ''} | ${spread(rs.map((r) => r.accuracy))} | ${spread(rs.map((r) => r.macroF1))} | ${mean(rs.map((r) => r.trainSeconds)).toFixed(1)} |`;
    });
    const svcRuns = results.get(SYSTEMS[2])!;
    const gap = (s: string) => svcRuns.length ? mean(results.get(s)!.map((r, i) => r.accuracy - svcRuns[i]!.accuracy)) : NaN;
    tables.push([
      `### ${task.name}`,
      '',
      '| system | test accuracy | macro-F1 | train s |',
      '|---|---|---|---|',
      ...rows,
      '',
      svcRuns.length
        ? `Accuracy minus TF-IDF + LinearSVC, same conversations, mean over seeds: before ${(gap(SYSTEMS[0]) * 100).toFixed(2)} points, after ${(gap(SYSTEMS[1]) * 100).toFixed(2)} points.`
        : '',
    ].join('\n'));
  }
  // what train() chooses for the short-text corpora of "## Classifier engine" (softmax there: those figures are unchanged)
  const shortTexts = [['banking77', 'intent'], ['clinc150', 'intent']].map(([dir, field]) => {
    const xs = loadSplit(dir!, 'train', field!);
    return `${dir} train split: ${Math.round(xs.reduce((a, e) => a + e.text.length, 0) / xs.length)} characters on average → \`${chooseLoss(xs)}\``;
  });
  const minutes = (performance.now() - t0) / 60000;
  const body = `Command: \`npm run bench -- long-text\` (bench/long-text.ts), ${started.toISOString().slice(0, 10)}, ${machine()}; ` +
    `${minutes.toFixed(1)} min wall, 1-min load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (other work shares the cores: train seconds are inflated, accuracies are not).

Issue 15: on long multi-turn support chats with ~1,000 training conversations, the engine trailed TF-IDF + LinearSVC. This benchmark
rebuilds that setting from public data. Each conversation alternates agent and customer turns (greeting, the customer's opening, an
identity check and answer, "let me look into that", a request for detail and the customer's restatement, hold messages, apologies,
small talk, a closing), ${MIN_CHARS}–${MAX_CHARS} characters in all. Only the opening and the restatement carry the label: two utterances
of the same intent from the dataset; every other turn comes from generic pools, drawn independently of the label. Training
conversations use train-split utterances, test conversations pair up every test-split utterance (none is shared). CLINC150 domains
give the 10-label task, 55 of the 77 BANKING77 intents (a fixed seeded choice) the 55-label task. ${CONSTRUCTION_SEEDS.length} construction
seeds (${CONSTRUCTION_SEEDS.join(', ')}) redraw utterances, turns, names and lengths; every system sees the same conversations.

${shapes.map((s) => `- ${s}`).join('\n')}

Systems: **engine after** = \`train(examples, { seed: 1 })\`: texts averaging ≥ ${LONG_TEXT_CHARS} characters now get the \`hinge\` loss
(one-vs-rest squared-hinge SVMs, C = 1, 6 passes of dual coordinate descent) instead of softmax + SGD; **engine before** =
\`train(examples, { seed: 1, loss: 'softmax' })\`, the learner and defaults before issue 15, byte for byte; **TF-IDF + LinearSVC** = sklearn, word 1-2 + char_wb 2-5
TF-IDF with sublinear tf, LinearSVC(C=1) (\`bench/baselines/tfidf_svc.py --quality-only\`). Figures: mean ± half the range over the
construction seeds; train seconds are the mean wall time of the training call (ours: featurize + held-out fit + calibration + final fit).

${tables.join('\n\n')}

The loss, its threshold (${LONG_TEXT_CHARS} characters) and the number of passes were chosen on validation conversations built the same
way from train-split utterances that no training conversation uses (\`buildTask(task, seed, 'unused-train')\`, construction seeds
11–13), never on the test conversations above. Short texts keep softmax + SGD and give the same bytes as before: ${shortTexts.join('; ')}.
This construction is harsher than the private chats of issue 15 (there the gap to TF-IDF + LinearSVC was 0.4–0.6 points, here 7–9
before the change): its label-neutral turns are pure boilerplate, shared by every label.`;
  console.log(`\n${body}`);
  if (WRITE) await writeSection(TITLE, body); // replaces only this section of docs/benchmarks.md
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
