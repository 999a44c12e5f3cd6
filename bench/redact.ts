// PII redaction (lib/redact): precision, recall and F1 per type on the labeled test set, the decoys it keeps, and
// how fast it runs on ~900-character support transcripts.
//
//   npm run bench -- redact             # rewrites "## PII redaction" in docs/benchmarks.md
//   npx tsx bench/redact.ts --no-write  # print only
//
// The test set is lib/redact/testdata/pii.jsonl (written by generate-pii-set.ts): English and Swedish sentences and
// transcript snippets, each with its personal data (type and exact text) and the decoys that must survive. A match
// counts when its type and span are exactly the labeled ones; "replaced" counts labeled entities replaced whole,
// whatever type the match had. The transcripts for speed are the demo generator's (prisma/seed/demo), half of them
// with two test-set lines spliced in, grouped by whether anything is found.

import { loadavg } from 'node:os';
import { generateTranscripts } from '../prisma/seed/demo/generate';
import { machine, percentile, writeSection } from './stats';

const WRITE = !process.argv.includes('--no-write');
const TITLE = 'PII redaction';
const started = new Date();
const loads: number[] = [loadavg()[0] ?? 0];

const importStart = performance.now();
const { findPii, redact, PII_TYPES } = await import('../lib/redact');
const importMs = performance.now() - importStart;
const { loadPiiSet, scorePii } = await import('../lib/redact/testdata/evaluate');
const { resetWork, work } = await import('../lib/redact/work');

// ---------------------------------------------------------------- quality
const cases = loadPiiSet();
const firstCall = performance.now();
redact(cases[0]!.text);
const firstCallMs = performance.now() - firstCall;
const score = scorePii(cases, (t) => findPii(t));
const f3 = (x: number) => x.toFixed(3);
const CHECKSUMMED = new Set(['CARD', 'NATIONAL_ID', 'IBAN']);
const GOAL: Record<string, string> = { EMAIL: '≥ 0.98', CARD: '≥ 0.98', NATIONAL_ID: '≥ 0.98', IBAN: '≥ 0.98', IP: '—', PHONE: '≥ 0.95', NAME: '—' };
const qualityTable = [
  '| type | labeled | precision | recall | F1 | replaced (any type) | recall goal |',
  '|---|---|---|---|---|---|---|',
  ...PII_TYPES.map((t) => {
    const s = score.byType[t];
    return `| ${t}${CHECKSUMMED.has(t) ? ' (checksum)' : ''} | ${s.support} | ${f3(s.precision)} | **${f3(s.recall)}** | ${f3(s.f1)} | ${f3(s.covered / Math.max(1, s.support))} | ${GOAL[t]} |`;
  }),
].join('\n');
const langs = (['en', 'sv'] as const).map((l) => `${cases.filter((c) => c.lang === l).length} ${l === 'en' ? 'English' : 'Swedish'}`).join(', ');
const entityCount = cases.reduce((a, c) => a + c.entities.length, 0);
const listed = (xs: { id: string; type?: string; text: string; by?: string }[], n = 6) =>
  xs.length ? xs.slice(0, n).map((x) => `\`${x.text.replace(/\n/g, ' ')}\`${x.type ? ` (${x.type})` : ''}${x.by ? ` by ${x.by}` : ''}`).join(', ') + (xs.length > n ? `, … (${xs.length} in all)` : '') : 'none';
const nonNameMisses = score.misses.filter((m) => m.type !== 'NAME');
console.error(`quality: ${cases.length} lines, recall ${PII_TYPES.map((t) => `${t} ${f3(score.byType[t].recall)}`).join(', ')}; decoys kept ${f3(score.decoys.rate)}`);
loads.push(loadavg()[0] ?? 0);

// ---------------------------------------------------------------- speed
const base = generateTranscripts(3000, 11).map((t) => t.text).filter((t) => t.length >= 700 && t.length <= 1100).slice(0, 1000);
const piiLines = cases.filter((c) => c.entities.length && !c.id.startsWith('snippet')).map((c) => c.text.replace(/\n/g, ' '));
// half of the transcripts get two test-set lines in place of two of their own; the generated ones hold some personal
// data of their own (agents' names, a phone number or an e-mail), so the groups are split by what redact() finds
const spliced = base.map((t, i) => {
  if (i % 2) return t;
  const lines = t.split('\n');
  lines.splice(Math.min(2, lines.length), lines.length > 6 ? 2 : 0, `Customer: ${piiLines[i % piiLines.length]!}`, `Customer: ${piiLines[(i * 7) % piiLines.length]!}`);
  return lines.join('\n');
});
const withPii = spliced.filter((t) => findPii(t).length > 0);
const withoutPii = spliced.filter((t) => findPii(t).length === 0);
const bytes = (xs: string[]) => xs.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);
const meanChars = (xs: string[]) => Math.round(xs.reduce((a, t) => a + t.length, 0) / xs.length);

/**
 * µs per call for each transcript: the fastest of five passes after a warm-up. The machine is shared, so a pass's
 * total would count whatever else ran; each transcript's least disturbed call is the code's own cost.
 */
function fastestCalls(texts: string[]): number[] {
  for (const t of texts) redact(t);
  const best = texts.map(() => Infinity);
  for (let k = 0; k < 5; k++) {
    texts.forEach((t, i) => {
      const t0 = performance.now();
      redact(t);
      best[i] = Math.min(best[i]!, (performance.now() - t0) * 1000);
    });
  }
  return best;
}
const groups = [
  { name: 'with personal data found', texts: withPii },
  { name: 'without', texts: withoutPii },
  { name: 'all', texts: [...withPii, ...withoutPii] },
].map((g) => {
  const found = g.texts.reduce((a, t) => a + findPii(t).length, 0);
  const us = fastestCalls(g.texts);
  const total = us.reduce((a, x) => a + x, 0);
  loads.push(loadavg()[0] ?? 0);
  console.error(`speed: ${g.name}: ${(total / g.texts.length).toFixed(1)} µs per transcript`);
  return { ...g, found, meanUs: total / g.texts.length, p50: percentile(us, 50), p99: percentile(us, 99), mbps: bytes(g.texts) / total, chars: meanChars(g.texts) };
});
const speedTable = [
  '| transcripts | n | mean length | entities found | µs per transcript (mean) | p50 / p99 µs | MB/s (UTF-8) |',
  '|---|---|---|---|---|---|---|',
  ...groups.map((g) => `| ${g.name} | ${g.texts.length} | ${g.chars} chars | ${g.found} | **${g.meanUs.toFixed(1)}** | ${g.p50.toFixed(0)} / ${g.p99.toFixed(0)} | ${g.mbps.toFixed(1)} |`),
].join('\n');

// what one phone-metadata lookup costs (the detector's most expensive step): the fastest of five runs of 2,000
const { parsePhoneNumberFromString } = await import('libphonenumber-js/max');
let lookupUs = Infinity;
for (let k = 0; k < 6; k++) {
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) parsePhoneNumberFromString(`070${1000000 + i * 37}`, 'SE')?.isValid();
  if (k) lookupUs = Math.min(lookupUs, ((performance.now() - t0) * 1000) / 2000);
}

// hostile input: 1 MB at once, each kind once
const MB = 1 << 20;
const fill = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
const hostile = [
  ['digits', '0123456789'],
  ['digits and spaces', '12 34 56 78 '],
  ['one phone number a line', '070 123 45 67\n'],
  ['"@" and dots', 'a@a.'],
  ['colons', ':'],
  ['IBAN starts', 'SE45 '],
].map(([name, unit]) => {
  const text = fill(unit!);
  resetWork();
  const t0 = performance.now();
  const r = redact(text);
  const ms = performance.now() - t0;
  return `${name} ${ms.toFixed(0)} ms (${r.entities.length.toLocaleString('en')} entities, ${work.phoneLookups.toLocaleString('en')} phone lookups)`;
});
loads.push(loadavg()[0] ?? 0);

// ---------------------------------------------------------------- report
const minutes = (performance.now() - importStart) / 60000;
const body = `Command: \`npm run bench -- redact\` (bench/redact.ts), ${started.toISOString().slice(0, 10)}, ${machine()}; ${minutes.toFixed(1)} min wall, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (other work on the machine: the times are upper bounds).

\`redact(text, { types })\` in lib/redact finds personal data and replaces each piece with a typed placeholder (\`[EMAIL]\`,
\`[CARD]\`, \`[NATIONAL_ID]\`, \`[PHONE]\`, \`[IBAN]\`, \`[IP]\`, \`[NAME]\`), with offsets into the original text. The test set,
lib/redact/testdata/pii.jsonl, holds ${cases.length} lines (${langs}; sentences and multi-speaker snippets from calls, chats and
e-mails) with ${entityCount} labeled entities and ${score.decoys.total} decoys: order numbers, amounts, dates, times, ticket ids, PUK
codes, Luhn-valid OCR references and IMEIs, and identity, card and IBAN numbers with a wrong check digit. A match counts when its type
and span are exactly the labeled ones. The set was written together with the detectors, from templates filled with generated
values; read the numbers as "the formats listed here work", not as recall on real transcripts.

${qualityTable}

Decoys kept: **${score.decoys.kept} of ${score.decoys.total} (${f3(score.decoys.rate)})**; goal ≥ 0.98. Lost: ${listed(score.lostDecoys)}.
Missed, other than names: ${listed(nonNameMisses)}. False positives: ${listed(score.falsePositives)}.
Names are found only after a cue ("my name is", "jag heter", "this is … from", "Mr", a sign-off); the ${score.byType.NAME.fn} missed
are the set's names without one ("My wife Sara usually…", "Can I speak to Erik?"), there on purpose.

Speed, one thread, 1,000 of the demo generator's support transcripts (700–1,100 characters; half of them with two test-set
lines in place of two of their own), grouped by whether redact() finds anything; each transcript's time is its fastest call of
five (the machine is shared), MB/s is the group's bytes over the sum of those times:

${speedTable}

Loading lib/redact (libphonenumber-js with its full metadata) took ${importMs.toFixed(0)} ms, the first call ${firstCallMs.toFixed(1)} ms.
One phone-metadata lookup costs ${lookupUs.toFixed(1)} µs; a number that may be a phone costs one to three of them, which is most of
the difference between the two groups.
Hostile input, 1 MB in one call: ${hostile.join('; ')}.`;
console.log(body);
if (WRITE) await writeSection(TITLE, body); // replaces only this section of docs/benchmarks.md
