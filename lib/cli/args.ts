import { ApiError } from '@/lib/errors';
import { CommandError, UsageError } from './errors';

// What the people, keys and audit commands share: their usage text, option
// checks that fail with that usage, and plain-text tables.

/** Usage lines in the layout of main.ts's list: the description at column 44, or on the next line under a long command. */
export function usageLines(entries: readonly (readonly [command: string, description: string])[]): string {
  return entries.map(([cmd, desc]) => (cmd.length <= 40 ? `${cmd.padEnd(42)}${desc}` : `${cmd}\n${' '.repeat(44)}${desc}`)).join('\n  ');
}

const isParseArgsError = (e: unknown) => e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');

/** Runs node:util parseArgs; an unknown or malformed option becomes a UsageError with `usage`. */
export function parseWithUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (isParseArgsError(e)) throw new UsageError((e as Error).message, usage);
    throw e;
  }
}

export function requireValue(values: Record<string, unknown>, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} is required`, usage);
  return v.trim();
}

/** The server's own checks (an unknown role, no such person, the last admin) say what to fix: exit 1 with their message. */
export async function apiErrorsAsCommandErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) throw new CommandError(e.message);
    throw e;
  }
}

/** `2025-01-31 09:30:00`: a time in UTC for a table whose header says (UTC). */
export function utc(d: Date | string | null | undefined, none = 'never'): string {
  if (!d) return none;
  const iso = typeof d === 'string' ? d : d.toISOString();
  return iso.slice(0, 19).replace('T', ' ');
}

/** Text that came from a person or a provider never drives the terminal: control characters are shown escaped. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Columns padded to their widest cell (the last one is not padded), a header row first. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(printable));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}
