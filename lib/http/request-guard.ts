/**
 * What the server refuses before any route runs (proxy.ts): a Host it does not
 * serve (DNS rebinding), a state change that did not come from one of our own
 * pages (cross-site request forgery), and the headers every answer carries.
 * Pure functions of the request and the configuration, so they are unit-tested.
 */

export interface GuardConfig {
  /** PUBLIC_URL, when set */
  publicUrl?: string | undefined;
  /** ALLOWED_HOSTS, comma-separated */
  allowedHosts?: string | undefined;
}

const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `Host` header → [name, port]; the name lower-cased, IPv6 kept in brackets. */
function splitHost(host: string): [string, string] {
  const h = host.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m) return ['', ''];
  return [m[1] ?? '', m[2] ?? ''];
}

/** Hosts the server answers to: localhost names on any port, PUBLIC_URL's host and ALLOWED_HOSTS (exact, or `*.example.com`). */
export function isAllowedHost(host: string | null, config: GuardConfig): boolean {
  if (!host) return false;
  const [name, port] = splitHost(host);
  if (!name) return false;
  if (LOCAL_NAMES.includes(name)) return true;
  const allowed = [
    ...(config.publicUrl ? [new URL(config.publicUrl).host.toLowerCase()] : []),
    ...(config.allowedHosts ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  ];
  const full = port ? `${name}:${port}` : name;
  return allowed.some((a) => {
    if (a.startsWith('*.')) {
      const [aName, aPort] = splitHost(a.slice(1));
      return name.endsWith(aName) && name.length > aName.length && (!aPort || aPort === port);
    }
    return a === full || (!a.includes(':') && a === name && !port);
  });
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a Cookie header carries a session (better-auth's cookie, `callsight` prefix, `__Secure-` over https). */
export function hasSessionCookie(cookie: string | null): boolean {
  return /(?:^|;\s*)(?:__Secure-)?callsight\.session_token=/.test(cookie ?? '');
}

/** The client's address as the request carries it: the first of X-Forwarded-For (`next start` fills it from the socket when absent). */
export function clientIp(headers: Headers | undefined): string | null {
  return headers?.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
}

/**
 * Whether a request comes from one of our own pages: `Sec-Fetch-Site:
 * same-origin` when the browser sends it (every current browser does), else
 * an `Origin` equal to the request's own. Two ports of one host are the same
 * *site* but not the same *origin*, so SameSite cookies alone would let a page
 * on 127.0.0.1:4000 post to 127.0.0.1:3000; this refuses it.
 */
export function sameOriginVerdict(headers: Headers, ownOrigin: string): { ok: true } | { ok: false; reason: string } {
  const site = headers.get('sec-fetch-site');
  const origin = headers.get('origin');
  if (site && site !== 'same-origin') {
    return { ok: false, reason: `This request came from another site (Sec-Fetch-Site: ${site}); changes are accepted only from Callsight's own pages.` };
  }
  if (origin !== null) {
    if (origin !== ownOrigin) return { ok: false, reason: `This request came from ${origin === 'null' ? 'an opaque origin' : origin}, not from ${ownOrigin}; changes are accepted only from Callsight's own pages.` };
    return { ok: true };
  }
  if (site === 'same-origin') return { ok: true };
  return { ok: false, reason: 'This request says neither where it came from (Origin) nor Sec-Fetch-Site; changes are accepted only from Callsight\'s own pages.' };
}

/** The origin the request was addressed to: PUBLIC_URL when set, else the scheme and Host it came in with. */
export function ownOrigin(url: URL, host: string | null, config: GuardConfig): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  return `${url.protocol}//${host ?? url.host}`;
}

/** The Content-Security-Policy of a page: scripts only from us or with this response's nonce. */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and Recharts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every response, pages and API alike. */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
