import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { layoutModelIds, WARM_PAGES, WARM_ROUTES, warmUp } from './warm-up';

function recordingServer(status: (req: IncomingMessage) => number, body: (req: IncomingMessage) => string = () => '') {
  const seen: { method: string; path: string; cookie: string | undefined; authorization: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', cookie: req.headers.cookie, authorization: req.headers.authorization });
    res.statusCode = status(req);
    res.end(body(req));
  });
  return new Promise<{ origin: string; seen: typeof seen; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

describe('warmUp', () => {
  it('asks for the pages one after another, then every route, with the placeholder cookie where the proxy wants one', async () => {
    const s = await recordingServer((req) => (req.method === 'OPTIONS' ? 204 : 307));
    const lines: string[] = [];
    try {
      const r = await warmUp(s.origin, { log: (l) => lines.push(l) });
      expect(r.failed).toEqual([]);
      expect(s.seen.slice(0, WARM_PAGES.length).map((x) => `${x.method} ${x.path}`)).toEqual(WARM_PAGES.map((p) => `GET ${p.path}`));
      expect(s.seen.map((x) => `${x.method} ${x.path}`).sort()).toEqual([...WARM_PAGES, ...WARM_ROUTES].map((p) => `${p.method} ${p.path}`).sort());
      for (const x of s.seen) expect(x.cookie).toBe(x.path === '/sign-in' ? undefined : 'callsight.session_token=warm-up');
      expect(lines).toEqual([expect.stringMatching(/^warmed up: 13 requests to the overview's pages and routes in [\d.]+ s$/)]);
      expect(s.seen.every((x) => x.authorization === undefined)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('with an API key, runs the layout\'s breakdowns, the views and the transcripts once through /v2', async () => {
    const layout = { layout: { breakdowns: [{ dimension: '42' }, { dimension: 'meta.region' }, { dimension: '201' }, { dimension: 'channel' }, { dimension: '42' }] } };
    const s = await recordingServer(
      (req) => (req.method === 'OPTIONS' ? 204 : req.headers.authorization ? 200 : 307),
      (req) => (req.url === '/v2/dashboard' && req.headers.authorization ? JSON.stringify(layout) : '{}'),
    );
    try {
      const r = await warmUp(s.origin, { log: () => {}, apiKey: 'cs_test' });
      expect(r.failed).toEqual([]);
      const keyed = s.seen.filter((x) => x.authorization === 'Bearer cs_test');
      expect(keyed.map((x) => x.path).sort()).toEqual(['/v2/analytics/breakdown?model_id=201', '/v2/analytics/breakdown?model_id=42', '/v2/dashboard', '/v2/transcripts', '/v2/views']);
      // the key goes only with its own requests, after the code is loaded
      expect(s.seen.indexOf(keyed[0]!)).toBe(WARM_PAGES.length + WARM_ROUTES.length);
      for (const x of keyed) expect(x.cookie).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('reads the models of a layout, and nothing from anything else', () => {
    expect(layoutModelIds({ layout: { breakdowns: [{ dimension: '87' }, { dimension: 'meta.flow' }] } })).toEqual([87]);
    expect(layoutModelIds(null)).toEqual([]);
    expect(layoutModelIds({ error: { code: 'unauthorized' } })).toEqual([]);
  });

  it('logs what failed and does not throw', async () => {
    const s = await recordingServer((req) => (req.url === '/transcripts' ? 500 : 200));
    const lines: string[] = [];
    try {
      const r = await warmUp(s.origin, { log: (l) => lines.push(l) });
      expect(r.failed).toEqual(['GET /transcripts: HTTP 500']);
      expect(lines).toEqual([expect.stringContaining('warm-up: 1 of')]);
    } finally {
      await s.close();
    }
    // nobody listening any more
    const down = await warmUp(s.origin, { log: (l) => lines.push(l), timeoutMs: 5000 });
    expect(down.failed).toHaveLength(WARM_PAGES.length + WARM_ROUTES.length);
  });

  it('names routes that exist', () => {
    for (const r of WARM_ROUTES) {
      const file = r.path.startsWith('/api/auth/') ? 'app/api/auth/[...all]/route.ts' : `app${r.path}/route.ts`;
      expect(existsSync(file), file).toBe(true);
    }
    for (const p of WARM_PAGES) {
      const file = p.path === '/sign-in' ? 'app/(auth)/sign-in/page.tsx' : `app/(dashboard)${p.path === '/' ? '' : p.path}/page.tsx`;
      expect(existsSync(file), file).toBe(true);
    }
  });
});
