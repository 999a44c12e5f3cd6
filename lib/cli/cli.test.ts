import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

// The CLI as an operator runs it: a real process, on the real database
// lib/testing/setup-db.ts gave this file (SQLite, or PostgreSQL in the
// "postgresql" project), which the child processes inherit.
const dir = mkdtempSync(join(tmpdir(), 'callsight-cli-'));
const env = { ...process.env };
const cli = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/callsight.mjs', ...args], { env, input, encoding: 'utf8' });
/** The same, without blocking the test runner's event loop through a long sequence of commands. */
const cliAsync = (args: string[], input?: string) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/callsight.mjs', ...args], { env });
    if (input !== undefined) child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

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

  it('models create, examples add, versions train --wait, versions promote and reclassify --wait: the studio from the shell', async () => {
    const created = await cliAsync(['models', 'create', '--name', 'Studio intent', '--labels', 'refund, outage,cancel', '--question', 'Why?', '--json']);
    expect(created.status, created.stderr).toBe(0);
    const m = JSON.parse(created.stdout) as { id: number; question: string; multi_label: boolean; labels: { name: string }[] };
    expect(m).toMatchObject({ question: 'Why?', multi_label: false });
    expect(m.labels.map((l) => l.name)).toEqual(['refund', 'outage', 'cancel']);
    const id = String(m.id);

    const csv = join(dir, 'examples.csv');
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(csv, ['utterance,intent', ...Object.entries(intents).flatMap(([l, texts]) => texts.map((t) => `${quote(t)},${l}`)), 'it is sunny,weather'].join('\n'));
    const added = await cliAsync(['examples', 'add', '--model', id, '--file', csv, '--text-field', 'utterance', '--label-field', 'intent', '--json']);
    expect(added.status, added.stderr).toBe(0);
    const a = JSON.parse(added.stdout) as { rows: number; added: number; rejected_count: number; rejected: { line: number; message: string }[] };
    expect(a).toMatchObject({ rows: 31, added: 30, rejected_count: 1 });
    expect(a.rejected[0]).toMatchObject({ line: 32, message: expect.stringMatching(/unknown label "weather"/) });

    const trained = await cliAsync(['versions', 'train', '--model', id, '--seed', '2', '--wait', '--json']);
    expect(trained.status, trained.stderr).toBe(0);
    const v = JSON.parse(trained.stdout) as { id: number; version: number; status: string; active: boolean; evaluation: { accuracy: number; confusion: { labels: string[] }; calibration: { bins: unknown[] } } };
    expect(v).toMatchObject({ version: 1, status: 'ready', active: false });
    expect(v.evaluation.confusion.labels).toEqual(['refund', 'outage', 'cancel']);
    expect(v.evaluation.calibration.bins).toHaveLength(15);

    const promoted = await cliAsync(['versions', 'promote', '--model', id, '--version-id', String(v.id), '--json']);
    expect(promoted.status, promoted.stderr).toBe(0);
    expect(JSON.parse(promoted.stdout)).toMatchObject({ id: v.id, active: true });
    const listed = await cliAsync(['versions', 'list', '--model', id]);
    expect(listed.stdout).toMatch(new RegExp(`version 1\tid ${v.id}\tready \\(active\\)`));

    const re = await cliAsync(['reclassify', '--model', id, '--wait', '--json']);
    expect(re.status, re.stderr).toBe(0);
    expect(JSON.parse(re.stdout)).toMatchObject({ model_id: m.id, version_id: v.id, status: 'done', progress: 1 });

    const missing = await cliAsync(['versions', 'promote', '--model', id, '--version-id', '99999']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/has no version with id 99999/);
    const untrainable = JSON.parse((await cliAsync(['models', 'create', '--name', 'Empty', '--labels', 'a,b', '--json'])).stdout) as { id: number };
    const refused = await cliAsync(['versions', 'train', '--model', String(untrainable.id)]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/label at least 4/);
    expect((await cliAsync(['models', 'create', '--name', 'X', '--labels', 'a,a'])).stderr).toMatch(/--labels: "a" appears twice/);
  }, 300_000);

  it('export writes exactly the filtered transcripts as CSV, to stdout or a file, formulas neutralized', async () => {
    const trained = cli(['train', '--file', trainFile, '--text-field', 'utterance', '--label-field', 'intent', '--name', 'Topic', '--json']);
    expect(trained.status, trained.stderr).toBe(0);
    const modelId = (JSON.parse(trained.stdout) as { model_id: number }).model_id;

    const hostile = ['=HYPERLINK("http://x","y") refund', '+1 refund please', '@SUM(A1) my internet is down', '-2+3 cancel it'];
    const texts = [...Object.values(intents).flatMap((t) => t.slice(0, 4)).map((t, i) => `${t}, call ${i}`), ...hostile];
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const hour = 3_600_000;
    const csv = ['id,text,channel,timestamp', ...texts.map((t, i) => [`x-${i}`, quote(t), i % 3 ? 'chat' : 'phone', new Date(Date.now() - i * hour).toISOString()].join(','))].join('\n');
    const file = join(dir, 'calls.csv');
    writeFileSync(file, `${csv}\n`);
    const imported = cli(['import', file, '--models', String(modelId), '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as { counts: { inserted: number } }).counts.inserted).toBe(texts.length);

    const all = await cliAsync(['export', '--filter', 'range=all']);
    expect(all.status, all.stderr).toBe(0);
    const [header, ...rows] = parse(all.stdout) as string[][];
    expect(header).toEqual(['id', 'external_id', 'occurred_at', 'channel', 'agent', 'queue', 'customer_id', 'language', 'Topic', 'Topic score', 'Topic status', 'text', 'metadata']);
    expect(rows.map((r) => r[1])).toEqual(texts.map((_, i) => `x-${i}`)); // newest first
    expect(rows.slice(-hostile.length).map((r) => r[11])).toEqual(hostile.map((t) => `'${t}`));
    expect(all.stderr).toMatch(new RegExp(`exported ${texts.length} transcripts`));

    const out = join(dir, 'chat.csv');
    const chat = await cliAsync(['export', '--filter', 'range=all&channel=chat', '--output', out]);
    expect(chat.status, chat.stderr).toBe(0);
    expect(chat.stdout).toBe('');
    const chatRows = (parse(readFileSync(out, 'utf8')) as string[][]).slice(1);
    expect(chatRows.map((r) => r[1])).toEqual(texts.flatMap((_, i) => (i % 3 ? [`x-${i}`] : [])));

    const refund = (parse((await cliAsync(['export', '--filter', `range=all&label=${modelId}:refund`])).stdout) as string[][]).slice(1);
    expect(refund.length).toBe(rows.filter((r) => r[8] === 'refund').length);
    expect(refund.length).toBeGreaterThan(0);

    const bad = await cliAsync(['export', '--filter', 'label=refund', '--output', join(dir, 'never.csv')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--filter: label\[0\]: use MODEL_ID:LABEL/);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  }, 180_000);
});

describe('people, keys and audit', () => {
  const lastLine = (out: string) => out.trim().split('\n').pop() ?? '';
  type UserJson = { email: string; name: string; role: string; status: string; signInMethods: string[] };
  type AuditJson = { id: number; at: string; actorType: string; actor: string; action: string; target: string | null; details: Record<string, unknown> };
  const users = async () => {
    const r = await cliAsync(['users', 'list', '--json']);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as UserJson[];
  };

  it('users create (a setup link, or a password from stdin), list, set-role, disable, enable and link; the audit log has it all, newest first', async () => {
    const ana = await cliAsync(['users', 'create', '--email', 'Ana@Example.com', '--role', 'admin', '--name', 'Ana']);
    expect(ana.status, ana.stderr).toBe(0);
    expect(lastLine(ana.stdout)).toMatch(/^https?:\/\/[^\s/]+(\/\S*)?\/setup\?token=[\w-]{20,}$/);

    const ben = await cliAsync(['users', 'create', '--email', 'ben@example.com', '--role', 'analyst', '--password-stdin'], 'a long enough password\nnot this line\n');
    expect(ben.status, ben.stderr).toBe(0);
    expect(ben.stdout.trim()).toBe('created ben@example.com (analyst)');

    const empty = await cliAsync(['users', 'create', '--email', 'cy@example.com', '--role', 'viewer', '--password-stdin'], '\n');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/--password-stdin: .*empty/);

    expect(await users()).toEqual([
      expect.objectContaining({ email: 'ana@example.com', name: 'Ana', role: 'admin', status: 'active', signInMethods: [] }),
      expect.objectContaining({ email: 'ben@example.com', role: 'analyst', status: 'active', signInMethods: ['password'] }),
    ]);
    const table = await cliAsync(['users', 'list']);
    expect(table.stdout).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+LAST SIGN-IN \(UTC\)\s+SIGN-IN METHODS$/m);
    expect(table.stdout).toMatch(/^ben@example\.com\s+ben\s+analyst\s+active\s+never\s+password$/m);

    const role = await cliAsync(['users', 'set-role', '--email', 'ben@example.com', '--role', 'labeler']);
    expect(role.status, role.stderr).toBe(0);
    expect((await users()).find((u) => u.email === 'ben@example.com')?.role).toBe('labeler');

    expect((await cliAsync(['users', 'disable', '--email', 'ben@example.com'])).status).toBe(0);
    expect((await users()).find((u) => u.email === 'ben@example.com')?.status).toBe('disabled');
    expect((await cliAsync(['users', 'enable', '--email', 'ben@example.com'])).status).toBe(0);
    expect((await users()).find((u) => u.email === 'ben@example.com')?.status).toBe('active');

    const link = await cliAsync(['users', 'link', '--email', 'ben@example.com']);
    expect(link.status, link.stderr).toBe(0);
    expect(lastLine(link.stdout)).toMatch(/\/setup\?token=[\w-]{20,}$/);

    // refused, and not recorded: a bad role, the last admin, nobody by that e-mail, a missing option
    const badRole = await cliAsync(['users', 'create', '--email', 'cy@example.com', '--role', 'boss']);
    expect(badRole.status).not.toBe(0);
    expect(badRole.stderr).toMatch(/"boss" is not a role/);
    for (const r of ['admin', 'analyst', 'labeler', 'viewer']) expect(badRole.stderr).toContain(r);
    const lastAdmin = await cliAsync(['users', 'disable', '--email', 'ana@example.com']);
    expect(lastAdmin.status).toBe(1);
    expect(lastAdmin.stderr).toMatch(/last active admin/);
    expect((await cliAsync(['users', 'set-role', '--email', 'nobody@example.com', '--role', 'viewer'])).stderr).toMatch(/No person with the e-mail nobody@example\.com/);
    const usage = await cliAsync(['users', 'create', '--email', 'cy@example.com']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--role is required/);
    expect(usage.stderr).toMatch(/users create --email E --role ROLE/);
    expect((await cliAsync(['users', 'promote'])).status).toBe(2);

    const audit = await cliAsync(['audit', '--json', '--action', 'user.']);
    expect(audit.status, audit.stderr).toBe(0);
    const events = JSON.parse(audit.stdout) as AuditJson[];
    expect(events.map((e) => [e.action, e.target])).toEqual([
      ['user.link', 'ben@example.com'],
      ['user.enable', 'ben@example.com'],
      ['user.disable', 'ben@example.com'],
      ['user.role', 'ben@example.com'],
      ['user.create', 'ben@example.com'],
      ['user.create', 'ana@example.com'],
    ]);
    expect(events.every((e) => e.actorType === 'cli' && e.actor === 'cli')).toBe(true);
    expect(events.map((e) => e.id)).toEqual(events.map((e) => e.id).sort((a, b) => b - a));
    expect(events[3]?.details).toEqual({ from: 'analyst', to: 'labeler' });
    expect(events[4]?.details).toEqual({ role: 'analyst', via: 'password' });
  }, 300_000);

  it('keys create --scopes: the key alone on the last line, its scopes in keys list and in the audit log; an unknown scope is refused', async () => {
    const created = await cliAsync(['keys', 'create', '--name', 'reporting', '--scopes', 'inference, read']);
    expect(created.status, created.stderr).toBe(0);
    expect(lastLine(created.stdout)).toMatch(/^cs_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/);

    const list = await cliAsync(['keys', 'list', '--json']);
    const keys = JSON.parse(list.stdout) as { id: number; name: string; scopes: string[]; createdBy: string | null }[];
    const key = keys.find((k) => k.name === 'reporting');
    expect(key).toMatchObject({ scopes: ['inference', 'read'], createdBy: 'cli' });
    expect((await cliAsync(['keys', 'list'])).stdout).toMatch(/\treporting\t.*\tscopes inference,read\tcreated by cli$/m);

    const unknown = await cliAsync(['keys', 'create', '--name', 'never', '--scopes', 'read,root']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown scope "root"/);
    expect(unknown.stderr).toMatch(/inference, read, ingest, models, admin/);
    expect(unknown.stdout).toBe('');

    const revoked = await cliAsync(['keys', 'revoke', '--id', String(key?.id)]);
    expect(revoked.status, revoked.stderr).toBe(0);
    const audit = JSON.parse((await cliAsync(['audit', '--json', '--action', 'key.'])).stdout) as AuditJson[];
    const mine = audit.filter((e) => e.target === `reporting (#${key?.id})`);
    expect(mine.map((e) => e.action)).toEqual(['key.revoke', 'key.create']);
    expect(mine[1]).toMatchObject({ actor: 'cli', details: { id: key?.id, name: 'reporting', scopes: ['inference', 'read'] } });
    expect(audit.some((e) => e.target?.startsWith('never'))).toBe(false);
  }, 300_000);

  it('workers lists no worker when none runs, as JSON and in words', async () => {
    const json = await cliAsync(['workers', '--json']);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect((await cliAsync(['workers'])).stdout).toMatch(/No worker has been seen in the last hour/);
  });

  it('audit filters by time (a date, or how long ago), action, actor and count; a bad value names its option', async () => {
    const recent = await cliAsync(['audit', '--since', '1h', '--json']);
    expect(recent.status, recent.stderr).toBe(0);
    const all = JSON.parse(recent.stdout) as AuditJson[];
    expect(all.length).toBeGreaterThan(0);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(JSON.parse((await cliAsync(['audit', '--since', '2000-01-01', '--until', tomorrow, '--json'])).stdout)).toEqual(all);
    expect(JSON.parse((await cliAsync(['audit', '--until', '1h', '--json'])).stdout)).toEqual([]);
    expect(JSON.parse((await cliAsync(['audit', '--action', 'user.', '--actor', 'cl', '--limit', '2', '--json'])).stdout)).toEqual(all.filter((e) => e.action.startsWith('user.')).slice(0, 2));

    const table = await cliAsync(['audit', '--action', 'user.role']);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^TIME \(UTC\)\s+WHO\s+ACTION\s+TARGET\s+DETAILS$/m);
    expect(table.stdout).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+cli\s+user\.role\s+ben@example\.com\s+\{"from":"analyst","to":"labeler"\}$/m);

    for (const [option, value] of [['--since', 'yesterdayish'], ['--until', '2025-02-30'], ['--limit', '0']] as const) {
      const bad = await cliAsync(['audit', option, value]);
      expect(bad.status, `${option} ${value}`).toBe(1);
      expect(bad.stderr).toContain(`${option}:`);
    }
    expect((await cliAsync(['audit', '--since'])).status).toBe(2);
  }, 300_000);
});
