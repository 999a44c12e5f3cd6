import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The CLI as an operator runs it: a real process, a real SQLite file.
const dir = mkdtempSync(join(tmpdir(), 'callsight-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'cli.db')}` };
const cli = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/callsight.mjs', ...args], { env, input, encoding: 'utf8' });

const intents: Record<string, string[]> = {
  refund: ['I want my money back', 'please refund the charge', 'can I get a refund for this', 'refund my last payment please', 'I was overcharged, refund me', 'how do I get a refund', 'send the refund to my card', 'when will my refund arrive', 'the refund never came', 'I need a refund for the double charge'],
  outage: ['my internet is down', 'no signal since this morning', 'the network is not working', 'connection keeps dropping', 'there is an outage in my area', 'the router shows no internet', 'my fiber is down again', 'cannot connect to the network', 'internet stopped working', 'is there a network outage'],
  cancel: ['I want to cancel my subscription', 'please end my contract', 'how do I cancel', 'terminate my plan', 'I am leaving for another operator', 'cancel the TV package', 'stop my subscription now', 'I want to quit', 'close my account please', 'cancel everything'],
};
const rows = Object.entries(intents).flatMap(([label, texts]) => texts.map((text) => JSON.stringify({ utterance: text, intent: label })));
const trainFile = join(dir, 'train.jsonl');
const testFile = join(dir, 'test.jsonl');

beforeAll(() => {
  writeFileSync(trainFile, `${rows.join('\n')}\n`);
  writeFileSync(testFile, `${[JSON.stringify({ utterance: 'refund me the money', intent: 'refund' }), JSON.stringify({ utterance: 'the internet is down', intent: 'outage' })].join('\n')}\n`);
});

describe('npx callsight', () => {
  it('keys create prints the key alone on the last line of stdout, and keys list never shows it', () => {
    const out = execFileSync(process.execPath, ['bin/callsight.mjs', 'keys', 'create', '--name', 'ops'], { env, encoding: 'utf8' });
    const key = out.trim().split('\n').pop() ?? '';
    expect(key).toMatch(/^cs_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/);
    const list = cli(['keys', 'list']);
    expect(list.stdout).toContain('ops');
    expect(list.stdout).not.toContain(key);
  });

  it('train --json trains, stores and summarises a model; evaluate and classify use it', () => {
    const r = cli(['train', '--file', trainFile, '--text-field', 'utterance', '--label-field', 'intent', '--name', 'Intent', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { model_id: number; version: number; labels: string[]; train_seconds: number; evaluation: { accuracy: number; macro_f1: number } };
    expect(summary.version).toBe(1);
    expect(summary.labels).toEqual(['refund', 'outage', 'cancel']);
    expect(summary.train_seconds).toBeGreaterThan(0);
    expect(summary.evaluation.accuracy).toBeGreaterThanOrEqual(0);

    const ev = cli(['evaluate', '--model', String(summary.model_id), '--file', testFile, '--text-field', 'utterance', '--label-field', 'intent', '--json']);
    expect(ev.status, ev.stderr).toBe(0);
    const e = JSON.parse(ev.stdout) as { n: number; accuracy: number; per_label: Record<string, { support: number }>; confusion: { labels: string[]; matrix: number[][] } };
    expect(e.n).toBe(2);
    expect(e.accuracy).toBe(1);
    expect(e.per_label.refund?.support).toBe(1);
    expect(e.confusion.labels).toEqual(['refund', 'outage', 'cancel']);

    const cl = cli(['classify', '--models', String(summary.model_id), '--json'], 'please cancel my plan\n\nmy connection is down\n');
    expect(cl.status, cl.stderr).toBe(0);
    const lines = cl.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; results: { predictions: { label: string }[] }[] });
    expect(lines.map((l) => l.results[0]?.predictions[0]?.label)).toEqual(['cancel', 'outage']);
  });

  it('says what to fix on bad input', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"utterance":"ok","intent":"a"}\nnot json\n{"utterance":"","intent":"b"}\n');
    const r = cli(['train', '--file', bad, '--text-field', 'utterance', '--label-field', 'intent', '--name', 'X']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 2: not valid JSON/);
    expect(r.stderr).toMatch(/line 3: field "utterance" is missing or empty/);
    expect(cli(['train', '--name', 'X']).stderr).toMatch(/--file is required/);
    expect(cli(['evaluate', '--model', '9999', '--file', testFile, '--text-field', 'utterance', '--label-field', 'intent']).stderr).toMatch(/No model with id 9999/);
    expect(cli(['frobnicate']).status).toBe(2);
  });
});
