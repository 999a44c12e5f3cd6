import 'server-only';
import type { Permission } from '@/lib/auth/permissions';
import { db, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { ApiError, errorResponse, forbidden, newRequestId } from '@/lib/errors';
import { recordAudit, type Actor } from '@/lib/server/audit/record-audit';
import { auditActor, authenticate, authorize, type Principal } from '@/lib/server/auth/principal';
import { clientIp, ownOrigin, SAFE_METHODS, sameOriginVerdict } from './request-guard';
import { rateLimiterFor } from './rate-limit';

export interface ApiContext {
  db: Db;
  principal: Principal;
  requestId: string;
  startedAt: number;
  /** who does it, as the audit log records them (with the client's address) */
  actor: Actor;
  /** appends to the audit log, as this principal */
  audit: (action: string, target?: string | null, details?: Record<string, unknown>) => Promise<void>;
}

export interface RouteOptions {
  /** what the route needs; an array means any one of them */
  permission: Permission | readonly Permission[];
  /**
   * Media types a state-changing request may carry, checked for browser
   * sessions (a cross-site form can send only text/plain, urlencoded or
   * multipart). Default: application/json. A request without a body needs none.
   */
  accepts?: readonly string[];
  /**
   * The audit log's name for what a successful call did (upload, export,
   * model.create, version.promote, …): recorded here, once for both faces,
   * with the path, the query and a small JSON body, and an export's row count.
   */
  audit?: string | ((result: unknown) => string);
}

const limiter = rateLimiterFor(env.DATABASE_URL, db, env.RATE_LIMIT_PER_MINUTE);

/**
 * Every route's edge, the dashboard's (/api) and the public API's (/v2) alike:
 * a request id; who is asking (an API key, or a browser session); for a
 * session's state change, that it came from our own pages with the media type
 * the route reads; the rate limit per key or person; the permission; and one
 * place where errors become the spec's JSON.
 */
export function apiHandler<P>(options: RouteOptions, handle: (request: Request, ctx: ApiContext, params: P) => Promise<Response>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    const startedAt = performance.now();
    try {
      const url = new URL(request.url);
      const principal = await authenticate(db, request, { api: url.pathname.startsWith('/v2/') });
      if (principal.kind === 'user' && !SAFE_METHODS.has(request.method)) checkBrowserWrite(request, url, options);
      await limiter.take(principal.kind === 'key' ? `key:${principal.id}` : `user:${principal.id}`);
      authorize(principal, options.permission);
      const actor: Actor = { ...auditActor(principal), ip: clientIp(request.headers) };
      const audit = (action: string, target?: string | null, details?: Record<string, unknown>) => recordAudit(db, { ...actor, action, target: target ?? null, details: details ?? {} });
      const small = options.audit && (request.headers.get('content-type') ?? '').startsWith('application/json') && Number(request.headers.get('content-length') ?? Infinity) <= 4096;
      const copy = small ? request.clone() : null;
      const response = await handle(request, { db, principal, requestId, startedAt, actor, audit }, await route.params);
      if (options.audit && response.ok) {
        const details = await auditDetails(url, copy, response);
        await audit(typeof options.audit === 'string' ? options.audit : options.audit(details.result), url.pathname, details);
      }
      response.headers.set('X-Request-Id', requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

/** Promoting an older version than the active one is logged as a rollback. */
export const promoteAuditAction = (result: unknown) => ((result as { rollback?: boolean } | undefined)?.rollback ? 'version.rollback' : 'version.promote');

/** The dashboard's routes: the same edge (kept as a name so a route says which face it serves). */
export const internalHandler = apiHandler;

/** The methods a route file can serve; HEAD comes with GET (Next.js answers it from GET). */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type AnyMethod = RouteMethod | 'HEAD';
const ANY_METHODS: readonly AnyMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A route file's answer to a method it does not serve: marked, so a test can tell it from a real handler. */
export type MethodNotAllowed = ((request: Request) => Response) & { readonly methodNotAllowed: true };

/**
 * The rest of a route file's methods. Next.js answers a method a route file
 * does not export with an empty 405 and no Allow header; exported from here
 * it is a 405 in the API's error format with Allow, and OPTIONS names the
 * same methods:
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
 *
 * (app/routes.test.ts checks every route file of the app/ tree exports them.)
 */
export function otherMethods<const M extends RouteMethod>(...served: M[]) {
  const allowed = ANY_METHODS.filter((m) => (served as readonly string[]).includes(m) || (m === 'HEAD' && (served as readonly string[]).includes('GET')));
  const allow = [...allowed, 'OPTIONS'].join(', ');
  const refuse = (method: AnyMethod): MethodNotAllowed =>
    Object.assign(
      (request: Request) => {
        const path = new URL(request.url).pathname;
        const error = new ApiError(405, 'method_not_allowed', `${method} is not a method of ${path}: it answers ${allowed.join(', ')} (and OPTIONS).`, [], { Allow: allow });
        return errorResponse(error, newRequestId());
      },
      { methodNotAllowed: true as const },
    );
  const handlers: Partial<Record<AnyMethod | 'OPTIONS', (request: Request) => Response>> = {
    OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }),
  };
  for (const m of ANY_METHODS) if (!allowed.includes(m)) handlers[m] = refuse(m);
  type Others = Exclude<AnyMethod, M | ('GET' extends M ? 'HEAD' : never)>;
  return handlers as { [K in Others]: MethodNotAllowed } & { OPTIONS: (request: Request) => Response };
}

function checkBrowserWrite(request: Request, url: URL, options: RouteOptions) {
  const verdict = sameOriginVerdict(request.headers, ownOrigin(url, request.headers.get('host'), { publicUrl: env.PUBLIC_URL }));
  if (!verdict.ok) throw forbidden(verdict.reason, [{ path: 'Origin', message: 'not this site' }]);
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const hasBody = request.body !== null && request.headers.get('content-length') !== '0';
  if (!type && !hasBody) return;
  const accepts = options.accepts ?? ['application/json'];
  if (!accepts.includes(type)) {
    throw new ApiError(415, 'unsupported_media_type', `This endpoint reads ${accepts.join(' or ')}, not ${type || 'a body without Content-Type'}.`, [{ path: 'Content-Type', message: `expected ${accepts.join(' or ')}` }]);
  }
}

async function auditDetails(url: URL, copy: Request | null, response: Response): Promise<Record<string, unknown>> {
  const details: Record<string, unknown> = {};
  if (url.search) details.query = Object.fromEntries(url.searchParams);
  if (copy) details.body = redact(await copy.json().catch(() => null));
  const rows = response.headers.get('x-total-count');
  if (rows !== null) details.rows = Number(rows);
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
    const text = await response.clone().text();
    if (text.length <= 4000) details.result = redact(JSON.parse(text) as unknown);
  }
  return details;
}

/** Secrets never reach the audit log: a field that names a key, token, password, secret or link is replaced. */
function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /^(key|token|password|secret|link|url)$/i.test(k) || /(_key|Key|Token|Secret|Password)$/.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}
