// npm run bench -- hostile-upload: the web server's memory under hostile uploads. Six
// 300 MB files built to hurt a parser (an unclosed quote, one-line JSON Lines, text and
// CSV, a JSON array over its cap, a line nested past any stack) are POSTed at once to
// /v2/ingest-jobs, the route handler served by a child process of its own (node:http,
// the same handler `next start` runs: upload, preview, job), whose RSS is read from /proc.
// Goal: the server grows by less than 100 MB. The figures before the hardening are shown
// beside it.
//
// BENCH_HOSTILE_MB (default 300) sets each file's size. With BENCH_HOSTILE_ROLE=server
// this file is the server (the bench starts it so).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { machine, writeSection } from './stats';

const MB = Number(process.env.BENCH_HOSTILE_MB ?? 300);
const GOAL_MIB = 100;
/**
 * Before the hardening, the web server's RSS: the issue's probes (`npm start`),
 * and this bench on that code (commit a5af200 from `git archive`, this file
 * copied in, 2026-12-06, the machine below), where one upload ended the server
 * on a heap out of memory and six at once in the kernel's OOM killer.
 */
const BEFORE = {
  probe: { one: '885 → 2,354 MB (+1,469 MB, 21.5 s)', six: 'peak 3.5 GB' },
  bench: { one: '239 → 4,925 MiB, then the server died: JavaScript heap out of memory (99 s)', six: '247 → 19,677 MiB, then the kernel killed the server (out of memory)' },
};

if (process.env.BENCH_HOSTILE_ROLE === 'server') await serve();
else await bench();

/** The server: POST /v2/ingest-jobs as Next.js would call it, the body streamed in. */
async function serve() {
  const route = await import('@/app/v2/ingest-jobs/route');
  const server = createServer((req, res) => {
    const init: RequestInit & { duplex: 'half' } = {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]))),
      body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: 'half',
    };
    void (async () => {
      const response = await route.POST(new Request(`http://127.0.0.1${req.url}`, init), { params: Promise.resolve({}) });
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json', 'content-length': body.length });
      res.end(body);
      // the rest of a refused body is not read: close the connection rather than drain it
      if (!req.complete) req.socket.destroy();
    })().catch((e: unknown) => {
      res.writeHead(599).end(String(e));
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
}

/** Resident memory of a live process in MiB (VmRSS now, VmHWM its peak); NaN once it has exited. */
function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Writes `bytes` of `head` + filler + `tail` in 8 MiB pieces (no file is ever held in memory). */
async function writeHostile(path: string, bytes: number, head: string, filler: string, tail = '') {
  const out = createWriteStream(path);
  const piece = Buffer.from(filler.repeat(Math.ceil((8 * 1024 ** 2) / filler.length)));
  out.write(head);
  for (let left = bytes - head.length - tail.length; left > 0; left -= piece.length) {
    if (!out.write(left >= piece.length ? piece : piece.subarray(0, left))) await once(out, 'drain');
  }
  out.end(tail);
  await once(out, 'finish');
}

async function bench() {
  const dir = mkdtempSync(join(tmpdir(), 'callsight-bench-hostile-'));
  const env = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, 'bench.db')}`,
    INGEST_UPLOAD_DIR: join(dir, 'uploads'),
    RATE_LIMIT_PER_MINUTE: '100000',
    PORT: '3217',
  };
  Object.assign(process.env, env);
  const { createDb } = await import('@/lib/db');
  const { migrate } = await import('@/lib/migrate');
  const { createApiKey } = await import('@/lib/server/keys/create-api-key');
  await migrate(env.DATABASE_URL);
  const db = createDb(env.DATABASE_URL);
  // The language model answers without training: enough for jobs to be queued.
  await db.model.create({ data: { name: 'Language', kind: 'language' } });
  const key = (await createApiKey(db, { name: 'bench' })).key;
  await db.$disconnect();

  const bytes = MB * 1024 ** 2;
  const files = [
    { name: 'unclosed-quote.csv', type: 'text/csv', what: 'CSV, a quote opened on row 2 and never closed', make: (p: string) => writeHostile(p, bytes, 'id,text\n1,"a fine first row"\n2,"never closed ', 'talk talk talk\n') },
    { name: 'one-line.jsonl', type: 'application/x-ndjson', what: 'JSON Lines, one line', make: (p: string) => writeHostile(p, bytes, '{"text":"', 'x', '"}\n') },
    { name: 'one-line.txt', type: 'text/plain', what: 'plain text, one line', make: (p: string) => writeHostile(p, bytes, '', 'words ') },
    { name: 'one-line.csv', type: 'text/csv', what: 'CSV, one line (the header)', make: (p: string) => writeHostile(p, bytes, 'text,', 'column,', '\n') },
    { name: 'big-array.json', type: 'application/octet-stream', what: 'a JSON array, over INGEST_MAX_JSON_BYTES', make: (p: string) => writeHostile(p, bytes, '[', '{"text":"a call about an invoice"},', '{"text":"end"}]') },
    { name: 'deep.jsonl', type: 'application/x-ndjson', what: 'JSON Lines, one line nested 150 million levels', make: (p: string) => writeHostile(p, bytes, '{"text":"deep","m":', '[') },
  ];
  console.log(`[bench hostile-upload] writing ${files.length} files of ${MB} MB in ${dir}…`);
  for (const f of files) await f.make(join(dir, f.name));

  // The server, started again if an upload kills it (as one did before the hardening: a heap out of memory).
  let child = startServer();
  async function startServer() {
    const c = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'bench/hostile-upload.ts'], {
      env: { ...env, BENCH_HOSTILE_ROLE: 'server' },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let err = '';
    c.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    c.on('exit', (code, signal) => {
      if (code || signal) died = `the server died (${signal ?? `exit ${code}`}${/heap out of memory/i.test(err) ? ': JavaScript heap out of memory' : ''})`;
    });
    await once(c, 'message');
    return c;
  }
  let died: string | null = null;
  const url = (f: { name: string }) => `http://127.0.0.1:${env.PORT}/v2/ingest-jobs?file_name=${f.name}`;
  const send = async (f: { name: string; type: string }, body: BodyInit) => {
    const t0 = performance.now();
    try {
      const res = await fetch(url(f), { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': f.type }, body, duplex: 'half' } as RequestInit);
      const text = await res.text();
      return { status: String(res.status), bytes: text.length, seconds: (performance.now() - t0) / 1000, answer: text.slice(0, 160) };
    } catch (e) {
      await new Promise((r) => setTimeout(r, 500));
      return { status: 'none', bytes: 0, seconds: (performance.now() - t0) / 1000, answer: died ?? `no answer: ${(e as Error).message}` };
    }
  };
  const upload = (f: (typeof files)[number]) => send(f, Readable.toWeb(createReadStream(join(dir, f.name))) as ReadableStream<Uint8Array>);

  const sampleWhile = async <T>(work: () => Promise<T>) => {
    const c = await child;
    // Warm up: modules loaded, the handler's code compiled, one small file through the whole path.
    for (let i = 0; i < 3; i++) await send({ name: 'warm.csv', type: 'text/csv' }, `id,text\nw${i}-${Math.random()},"A warm-up call about a late parcel ${i}"\n`);
    const from = rssMiB(c.pid!, 'VmRSS');
    let peak = from;
    const timer = setInterval(() => (peak = Math.max(peak, rssMiB(c.pid!, 'VmRSS') || 0)), 20);
    const result = await work();
    clearInterval(timer);
    const end = { result, from, peak: Math.max(peak, rssMiB(c.pid!, 'VmRSS') || 0), hwm: rssMiB(c.pid!, 'VmHWM'), died };
    if (died) {
      died = null;
      child = startServer();
    }
    return end;
  };

  const one = await sampleWhile(() => upload(files[0]!));
  const six = await sampleWhile(() => Promise.all(files.map(upload)));
  const last = await child;
  last.kill('SIGTERM');
  await once(last, 'exit');
  const left = readdirSync(env.INGEST_UPLOAD_DIR);
  const leftBytes = left.reduce((a, n) => a + statSync(join(env.INGEST_UPLOAD_DIR, n)).size, 0);
  // What should be left: the six warm-up uploads and the big ones whose jobs were queued, each waiting for a worker.
  const queued = 6 + [one.result, ...six.result].filter((r) => r.status === '202').length;
  rmSync(dir, { recursive: true, force: true });

  const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  const grew = (r: { from: number; peak: number }) => r.peak - r.from;
  const met = grew(one) < GOAL_MIB && grew(six) < GOAL_MIB && !one.died && !six.died;
  const rows = files.map((f, i) => {
    const r = six.result[i]!;
    return `| ${f.what} | ${r.status} | ${fmt(r.bytes)} B | ${fmt(r.seconds, 1)} s | ${r.answer.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 110)}… |`;
  });
  const body = `Command: \`npm run bench -- hostile-upload\` (bench/hostile-upload.ts; \`BENCH_HOSTILE_MB\` sets the size), ${new Date().toISOString().slice(0, 10)}, ${machine()}.

What is measured: the web server's resident memory (VmRSS from /proc, sampled every 20 ms) while hostile ${MB} MB files are POSTed to \`/v2/ingest-jobs\` (an API key; the file as the raw body, streamed): the handler saves the upload, previews it (format, columns, first rows) and queues the job or refuses it. The server is the route handler \`next start\` runs, in a Node process of its own behind \`node:http\` (so the figure is the handler's, without Next.js's own ~800 MB); no worker runs, so nothing else is measured. Before the uploads, three small ones warm it up. Goal: less than ${GOAL_MIB} MB of growth.

| run | server RSS before | peak | growth | goal | before the hardening: this bench (300 MB) | before: the issue's probes (\`npm start\`) |
|---|---|---|---|---|---|---|
| one ${MB} MB CSV with an unclosed quote | ${fmt(one.from)} MiB | ${fmt(one.peak)} MiB${one.died ? ` (${one.died})` : ''} | **${fmt(grew(one))} MiB** (${fmt(one.result.seconds, 1)} s) | ${grew(one) < GOAL_MIB && !one.died ? 'met' : 'missed'} | ${BEFORE.bench.one} | ${BEFORE.probe.one} |
| the six files below at once | ${fmt(six.from)} MiB | ${fmt(six.peak)} MiB${six.died ? ` (${six.died})` : ''} | **${fmt(grew(six))} MiB** | ${grew(six) < GOAL_MIB && !six.died ? 'met' : 'missed'} | ${BEFORE.bench.six} | ${BEFORE.probe.six} |

Peak RSS of the server process (VmHWM): ${fmt(Math.max(one.hwm, six.hwm) || Math.max(one.peak, six.peak))} MiB. Afterwards \`INGEST_UPLOAD_DIR\` held ${left.length} files, ${fmt(leftBytes / 1024 ** 2)} MiB: ${left.length === queued ? 'the uploads of the queued jobs (each waits for a worker, which drops it once parsed); every refused upload was deleted' : `${left.length - queued} more than the ${queued} uploads of queued jobs: refused uploads left behind`}.

What each upload got (the six at once):

| file (${MB} MB) | status | answer | time | answer, start |
|---|---|---|---|---|
${rows.join('\n')}

${met ? 'Goal met' : 'Goal **missed**'}: the preview reads at most the first 2 MiB and 20 rows of a file and holds no row longer than \`INGEST_MAX_ROW_CHARS\`; values in the answer are cut to 300 characters.`;
  console.log(body);
  await writeSection('Hostile uploads', body);
}
