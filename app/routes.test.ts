import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 7, wrong methods: every route file of the app/ tree answers every
// method. Next.js answers a method a route file does not export with an empty
// 405 and no Allow; so each file exports the methods it does not serve from
// otherMethods() (lib/http/api-handler.ts): a 405 in the error format, with
// an Allow header naming the methods the path has, and an OPTIONS that says
// the same. Found by reading the tree, so a new route file is checked too.

const APP = join(process.cwd(), 'app');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Route files outside this change's files (other work in progress): they
 * still leave wrong methods to Next.js. Each needs one line,
 * `export const { …, OPTIONS } = otherMethods(…)`, and then leaves this list.
 */
const PENDING = new Set<string>([]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return routeFiles(path);
    return e.name === 'route.ts' ? [relative(APP, path)] : [];
  });
}

type Handler = ((request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response> | Response) & { methodNotAllowed?: true };

/** `/v2/models/1/versions/1` for `v2/models/[id]/versions/[version_id]/route.ts`. */
const urlPath = (file: string) => `/${file.replace(/\/?route\.ts$/, '').replace(/\[\.\.\.\w+\]/g, 'x/y').replace(/\[\w+\]/g, '1')}`;

const files = routeFiles(APP).sort();

describe('every route file answers every method', () => {
  it('finds the route files, and every pending one still exists', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const p of PENDING) expect(files, p).toContain(p);
  });

  for (const file of files.filter((f) => !PENDING.has(f))) {
    it(`${urlPath(file)}: a 405 in the error format with Allow for each method it does not serve`, async () => {
      const mod = (await import(join(APP, file))) as Record<string, Handler | undefined>;
      const served = METHODS.filter((m) => mod[m] && !mod[m].methodNotAllowed);
      expect(served.length, 'serves no method').toBeGreaterThan(0);
      const allowed = METHODS.filter((m) => served.includes(m) || (m === 'HEAD' && served.includes('GET')));
      const refused = METHODS.filter((m) => !allowed.includes(m));
      if (!refused.length) return; // a catch-all that answers every method itself
      const allow = [...allowed, 'OPTIONS'].join(', ');
      for (const method of refused) {
        const handler = mod[method];
        expect(handler, `${method} is not exported: Next.js would answer an empty 405 without Allow`).toBeTypeOf('function');
        expect(handler!.methodNotAllowed, `${method} is exported but is not a 405`).toBe(true);
        const res = await handler!(new Request(`http://localhost${urlPath(file)}`, { method }), { params: Promise.resolve({}) });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe(allow);
        const body = (await res.json()) as { error: { code: string; message: string; details: unknown[] }; request_id: string };
        expect(body.error.code).toBe('method_not_allowed');
        expect(body.error.message).toContain(`${method} is not a method of ${urlPath(file)}`);
        expect(body.error.message).toContain(allowed.join(', '));
        expect(body.request_id).toMatch(/^req_/);
      }
      // Next.js's own OPTIONS would list the 405s as methods: the file answers it.
      const options = await mod.OPTIONS!(new Request(`http://localhost${urlPath(file)}`, { method: 'OPTIONS' }), { params: Promise.resolve({}) });
      expect(options.status).toBe(204);
      expect(options.headers.get('allow')).toBe(allow);
    });
  }
});
