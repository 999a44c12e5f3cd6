// What `npm start` asks of a server it just started, before it says the server is ready:
// every page and route the overview and its first chart click use, so that their code is
// loaded (`next start` loads a route's code on its first request: seconds for the whole
// overview on a small machine) before a person opens it; and, with an API key (the demo
// key `npm start` makes), the overview's own figures once through the public API, which
// runs the same code as the dashboard's routes (the first run of anything is the slow one).
import { z } from 'zod';

/**
 * A session cookie that is no session: the proxy lets a request carrying a
 * session cookie through to its route, the route finds no such session and
 * refuses (a page redirects to sign-in, an OPTIONS answers without looking).
 * Either way the route's code is loaded, and nothing is read or written
 * but one failed session lookup (which warms the sign-in code too).
 */
const PLACEHOLDER_COOKIE = 'callsight.session_token=warm-up';

export interface WarmRequest {
  method: 'GET' | 'OPTIONS';
  path: string;
  /** with the placeholder session cookie (what gets a page or an /api route past the proxy) */
  cookie: boolean;
}

/** The sign-in page, then the overview and the drill-down pages (with their layout), then their JSON routes. */
export const WARM_PAGES: WarmRequest[] = [
  { method: 'GET', path: '/sign-in', cookie: false },
  { method: 'GET', path: '/', cookie: true },
  { method: 'GET', path: '/transcripts', cookie: true },
];
/** OPTIONS: every route file answers it (lib/http/api-handler.ts otherMethods) without authentication or the database. */
export const WARM_ROUTES: WarmRequest[] = [
  ...['/api/analytics/kpis', '/api/analytics/breakdown', '/api/analytics/trend', '/api/analytics/cross-tab', '/api/analytics/scope', '/api/analytics/filter-options', '/api/transcripts', '/v2/dashboard', '/v2/views'].map(
    (path): WarmRequest => ({ method: 'OPTIONS', path, cookie: true }),
  ),
  // better-auth's catch-all route; no session: it answers null
  { method: 'GET', path: '/api/auth/get-session', cookie: true },
];

/** CALLSIGHT_WARM_UP=0 turns the warm-up off (here and in instrumentation.ts); anything else leaves it on. */
export const warmUpWanted = (env: NodeJS.ProcessEnv = process.env) => env.CALLSIGHT_WARM_UP !== '0';

export interface WarmUpResult {
  ms: number;
  failed: string[];
}

const ZLayoutAnswer = z.object({ layout: z.object({ breakdowns: z.array(z.object({ dimension: z.string() })) }) });

/** The breakdown cards' models of a layout (GET /v2/dashboard), the ones /v2/analytics/breakdown answers for; none from anything else. */
export function layoutModelIds(answer: unknown): number[] {
  const parsed = ZLayoutAnswer.safeParse(answer);
  if (!parsed.success) return [];
  return [...new Set(parsed.data.layout.breakdowns.map((b) => b.dimension).filter((d) => /^\d{1,9}$/.test(d)))].map(Number);
}

/**
 * Loads the code of the overview's pages and routes on the server at
 * `origin`: the pages one after another (the first also waits for the
 * server to finish booting: instrumentation.ts loads the analytics index
 * then), then the routes at once. With `apiKey` (scope read), then the
 * layout and each breakdown card's figures with the default filters, estimated
 * shares included, the saved views and a page of transcripts, through /v2. Never
 * throws: what failed is logged, and the server answers as it would have
 * without a warm-up.
 */
export async function warmUp(
  origin: string,
  { log = (line: string) => console.log(line), timeoutMs = 120_000, apiKey }: { log?: (line: string) => void; timeoutMs?: number; apiKey?: string } = {},
): Promise<WarmUpResult> {
  const t0 = performance.now();
  const failed: string[] = [];
  let count = 0;
  const send = async (r: WarmRequest, key?: string): Promise<unknown> => {
    count++;
    try {
      const headers: Record<string, string> = {};
      if (r.cookie) headers.Cookie = PLACEHOLDER_COOKIE;
      if (key) headers.Authorization = `Bearer ${key}`;
      const res = await fetch(`${origin}${r.path}`, { method: r.method, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      const body = await res.text();
      if (res.status >= 500 || (key && res.status !== 200)) failed.push(`${r.method} ${r.path}: HTTP ${res.status}`);
      else if (key) return JSON.parse(body) as unknown;
    } catch (e) {
      failed.push(`${r.method} ${r.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return null;
  };
  for (const r of WARM_PAGES) await send(r);
  await Promise.all(WARM_ROUTES.map((r) => send(r)));
  if (apiKey) {
    const get = (path: string) => send({ method: 'GET', path, cookie: false }, apiKey);
    const layout = await get('/v2/dashboard');
    await Promise.all([...layoutModelIds(layout).map((id) => get(`/v2/analytics/breakdown?model_id=${id}`)), get('/v2/views'), get('/v2/transcripts')]);
  }
  const ms = Math.round(performance.now() - t0);
  if (failed.length) log(`warm-up: ${failed.length} of ${count} requests failed (${failed.join('; ')}); those routes load on their first request instead`);
  else log(`warmed up: ${count} requests to the overview's pages and routes in ${(ms / 1000).toFixed(1)} s`);
  return { ms, failed };
}
