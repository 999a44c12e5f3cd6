import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, hasSessionCookie, isAllowedHost, ownOrigin, SAFE_METHODS, sameOriginVerdict, securityHeaders } from '@/lib/http/request-guard';

/**
 * Before any route: refuse a Host we do not serve (DNS rebinding), refuse a
 * state change on /api that did not come from our own pages (the /api/auth
 * sign-in included), send strangers to the sign-in page, and give every
 * response its security headers (a page, a CSP with this response's nonce).
 * Whether a session is real, and what its person may do, is checked by the
 * page or route itself (lib/server/auth): this only looks at the cookie.
 */

const config_ = { publicUrl: process.env.PUBLIC_URL, allowedHosts: process.env.ALLOWED_HOSTS };
const https = (request: NextRequest) => request.nextUrl.protocol === 'https:' || Boolean(process.env.PUBLIC_URL?.startsWith('https:'));

/** Pages anyone may open: signing in, and the one-time setup link. */
const PUBLIC_PAGES = ['/sign-in', '/setup'];

/** Every answer leaves with the security headers. */
function secured(res: NextResponse, request: NextRequest): NextResponse {
  for (const [k, v] of Object.entries(securityHeaders(https(request)))) res.headers.set(k, v);
  return res;
}

function refuse(status: number, code: string, message: string, request: NextRequest): NextResponse {
  return secured(NextResponse.json({ error: { code, message, details: [] }, request_id: null }, { status }), request);
}

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const host = request.headers.get('host');
  if (!isAllowedHost(host, config_)) {
    return refuse(421, 'misdirected_request', `This server does not answer to the host "${(host ?? '').slice(0, 100)}". Add it to ALLOWED_HOSTS (or set PUBLIC_URL) if it is yours.`, request);
  }

  const isApi = path.startsWith('/api/');
  if (isApi && !SAFE_METHODS.has(request.method)) {
    const verdict = sameOriginVerdict(request.headers, ownOrigin(request.nextUrl, host, config_));
    if (!verdict.ok) return refuse(403, 'forbidden', verdict.reason, request);
  }

  const signedIn = hasSessionCookie(request.headers.get('cookie'));
  if (isApi && !path.startsWith('/api/auth/') && !signedIn) {
    return refuse(401, 'unauthorized', 'Sign in first: this needs a signed-in session.', request);
  }

  const isPage = !isApi && !path.startsWith('/v2/') && !path.startsWith('/_next/') && !/\.[a-z0-9]+$/i.test(path);
  if (isPage && !signedIn && !PUBLIC_PAGES.includes(path)) {
    const to = new URL('/sign-in', request.nextUrl);
    if (path !== '/') to.searchParams.set('next', path + request.nextUrl.search);
    return secured(NextResponse.redirect(to), request);
  }

  let res: NextResponse;
  if (isPage) {
    const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
    const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', csp);
    res = NextResponse.next({ request: { headers: requestHeaders } });
    res.headers.set('Content-Security-Policy', csp);
  } else {
    res = NextResponse.next();
    if (path.startsWith('/api/') || path.startsWith('/v2/')) res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  }
  return secured(res, request);
}

export const config = {
  // everything, static files included (the Host check and the headers apply to all)
  matcher: ['/:path*'],
};
