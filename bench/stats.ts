/** Percentile of an unsorted sample (nearest-rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export const ms = (x: number) => `${x.toFixed(2)} ms`;

export function machine(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = process.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  const cpu = os?.cpus()[0]?.model ?? 'unknown CPU';
  return `${os?.cpus().length ?? '?'} × ${cpu}, ${Math.round((os?.totalmem() ?? 0) / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * The file the benchmarks write: docs/benchmarks.md, or BENCH_DOCS_PATH (a
 * trial run at a small size writes there instead of over the real numbers).
 */
const docsPath = () => process.env.BENCH_DOCS_PATH || 'docs/benchmarks.md';

/** Replaces the section `## title` of docs/benchmarks.md (or appends it). */
export async function writeSection(title: string, body: string): Promise<void> {
  const { readFileSync, writeFileSync, existsSync, mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  const path = docsPath();
  mkdirSync(dirname(path), { recursive: true });
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\nEvery table here is written by `npm run bench` (or the command named under it) on the machine it names.\n';
  const heading = `## ${title}`;
  const start = current.indexOf(`${heading}\n`);
  const section = `${heading}\n\n${body.trim()}\n`;
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = `${current.slice(0, start)}${section}${after < 0 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}

/** Removes the section `## title` (one a benchmark has merged into another), if it is there. */
export async function removeSection(title: string): Promise<void> {
  const { readFileSync, writeFileSync, existsSync } = await import('node:fs');
  const path = docsPath();
  if (!existsSync(path)) return;
  const current = readFileSync(path, 'utf8');
  const heading = `## ${title}\n`;
  const start = current.indexOf(heading);
  if (start < 0) return;
  const after = current.indexOf('\n## ', start + heading.length);
  const next = after < 0 ? current.slice(0, start).trimEnd() : `${current.slice(0, start)}${current.slice(after + 1)}`;
  writeFileSync(path, `${next.trimEnd()}\n`);
}
