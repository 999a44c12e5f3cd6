import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every page and route handler of the app, read from the `app/` tree when the
 * tests run, so a route added tomorrow is checked tomorrow without anyone
 * remembering to list it here.
 */

export interface TPageRoute {
  file: string;
  url: string;
}

export interface THandlerRoute {
  file: string;
  url: string;
  methods: string[];
  /** has a catch-all segment (`[...path]`): answers paths that are no endpoint */
  catchAll: boolean;
}

/** Values for dynamic segments: existing ids where the segment names one. */
export interface TSegmentIds {
  model: string;
  transcript: string;
  version: string;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const CATCH_ALL = 'e2e-any-path';

/** The HTTP methods a route file exports: `export const GET`, `export async function GET`, `export { handle as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const method = `(${HTTP_METHODS.join('|')})`;
  for (const m of source.matchAll(new RegExp(`export\\s+(?:const|let|var)\\s+${method}\\b`, 'g'))) found.add(m[1]!);
  for (const m of source.matchAll(new RegExp(`export\\s+(?:async\\s+)?function\\s*\\*?\\s*${method}\\b`, 'g'))) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim() ?? '';
      if ((HTTP_METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  return HTTP_METHODS.filter((x) => found.has(x));
}

/** `[id]` after `models` → the model's id, and so on; anything unknown gets `1` (authentication comes before any lookup). */
function fillSegment(segment: string, parent: string, ids: TSegmentIds): string {
  if (/^\[\[?\.\.\./.test(segment)) return CATCH_ALL;
  const name = segment.slice(1, -1);
  if (/^transcript_?id$/i.test(name) || parent === 'transcripts') return ids.transcript;
  if (/^version_?id$/i.test(name) || parent === 'versions') return ids.version;
  if (parent === 'models') return ids.model;
  return '1';
}

function urlOf(dir: string, ids: TSegmentIds): string {
  const parts: string[] = [];
  let parent = '';
  for (const segment of dir.split('/').filter(Boolean)) {
    // route groups `(x)` and parallel-route slots `@x` are not in the URL
    if (/^\(.*\)$/.test(segment) || segment.startsWith('@')) continue;
    parts.push(segment.startsWith('[') ? fillSegment(segment, parent, ids) : segment);
    parent = segment;
  }
  return `/${parts.join('/')}`;
}

/** The app's pages and route handlers, with URLs ready to request. */
export function appRoutes(ids: TSegmentIds, appDir = 'app'): { pages: TPageRoute[]; handlers: THandlerRoute[] } {
  const pages: TPageRoute[] = [];
  const handlers: THandlerRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // `_x` folders are private (helpers, never routes)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('_')) walk(path);
        continue;
      }
      const rel = relative(appDir, dir);
      if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) pages.push({ file: path, url: urlOf(rel, ids) });
      if (/^route\.(ts|js|mjs)$/.test(entry.name)) {
        handlers.push({ file: path, url: urlOf(rel, ids), methods: exportedMethods(readFileSync(path, 'utf8')), catchAll: /\[\[?\.\.\./.test(rel) });
      }
    }
  };
  walk(appDir);
  const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);
  return { pages: pages.sort(byUrl), handlers: handlers.sort(byUrl) };
}
