import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAllowedHost, ownOrigin, sameOriginVerdict, securityHeaders } from './request-guard';

describe('host allow-list (DNS rebinding)', () => {
  it('answers localhost names on any port and nothing else by default', () => {
    for (const h of ['localhost:3000', '127.0.0.1:3100', '[::1]:3000', 'localhost', 'LOCALHOST:80']) expect(isAllowedHost(h, {})).toBe(true);
    for (const h of ['evil.example:3000', 'evil.example', '127.0.0.1.evil.example:3000', '', 'localhost.evil.example']) expect(isAllowedHost(h, {})).toBe(false);
    expect(isAllowedHost(null, {})).toBe(false);
  });
  it('adds PUBLIC_URL and ALLOWED_HOSTS (exact, port-exact, or *.domain)', () => {
    const c = { publicUrl: 'https://callsight.example.com', allowedHosts: 'cs.internal:8080, *.corp.example' };
    expect(isAllowedHost('callsight.example.com', c)).toBe(true);
    expect(isAllowedHost('cs.internal:8080', c)).toBe(true);
    expect(isAllowedHost('cs.internal:9090', c)).toBe(false);
    expect(isAllowedHost('a.corp.example', c)).toBe(true);
    expect(isAllowedHost('corp.example', c)).toBe(false);
    expect(isAllowedHost('evilcorp.example', c)).toBe(false);
  });
});

describe('same-origin writes', () => {
  const own = 'http://127.0.0.1:3000';
  const h = (o: Record<string, string>) => new Headers(o);
  it('accepts our own pages', () => {
    expect(sameOriginVerdict(h({ 'sec-fetch-site': 'same-origin', origin: own }), own).ok).toBe(true);
    expect(sameOriginVerdict(h({ origin: own }), own).ok).toBe(true);
    expect(sameOriginVerdict(h({ 'sec-fetch-site': 'same-origin' }), own).ok).toBe(true);
  });
  it('refuses another port of the same host (same site, not same origin), other sites, opaque origins and silence', () => {
    expect(sameOriginVerdict(h({ 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:4000' }), own)).toMatchObject({ ok: false, reason: expect.stringContaining('same-site') });
    expect(sameOriginVerdict(h({ origin: 'http://127.0.0.1:4000' }), own)).toMatchObject({ ok: false, reason: expect.stringContaining('127.0.0.1:4000') });
    expect(sameOriginVerdict(h({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }), own).ok).toBe(false);
    expect(sameOriginVerdict(h({ origin: 'null' }), own).ok).toBe(false);
    expect(sameOriginVerdict(h({}), own).ok).toBe(false);
  });
  it('takes the origin from PUBLIC_URL behind a proxy, else from the request', () => {
    expect(ownOrigin(new URL('http://10.0.0.5:3000/api/x'), 'cs.example.com', { publicUrl: 'https://cs.example.com/' })).toBe('https://cs.example.com');
    expect(ownOrigin(new URL('http://localhost:3000/api/x'), '127.0.0.1:3000', {})).toBe('http://127.0.0.1:3000');
  });
});

describe('headers', () => {
  it('a CSP with a nonce, no inline script, no framing', () => {
    const csp = contentSecurityPolicy('abc', false);
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it('nosniff, no framing, same-origin referrer; HSTS only over https', () => {
    expect(securityHeaders(false)).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin' });
    expect(securityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=\d+/);
  });
});
