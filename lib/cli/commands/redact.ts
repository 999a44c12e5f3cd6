import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isPiiType, PII_TYPES, redact, type PiiType } from '@/lib/redact';
import { parseWithUsage, printable, usageLines } from '../args';
import { CommandError } from '../errors';

const REDACT = 'redact [--types EMAIL,PHONE]';

export const REDACT_USAGE = usageLines([[REDACT, `read lines from stdin and write each with its personal data replaced ([EMAIL], [PHONE], …); types: ${PII_TYPES.join(', ')} (default: all)`]]);

/** `--types email,PHONE` → the types (any case); an unknown one is refused with the list. */
export function parseTypesOption(raw: string): PiiType[] {
  const words = raw.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const valid = `valid types: ${PII_TYPES.join(', ')}`;
  if (!words.length) throw new CommandError(`--types needs at least one type; ${valid}.`);
  const unknown = words.filter((w) => !isPiiType(w));
  if (unknown.length) throw new CommandError(`--types: unknown type${unknown.length > 1 ? 's' : ''} ${unknown.map((w) => `"${printable(w)}"`).join(', ')}; ${valid}.`);
  return [...new Set(words.filter(isPiiType))];
}

/**
 * `npx callsight redact`: stdin to stdout, a line at a time. Streaming with
 * backpressure: memory holds one line, however long the input. No database.
 */
export async function redactCommand(args: string[]): Promise<void> {
  const { values } = parseWithUsage(REDACT, () => parseArgs({ args, options: { types: { type: 'string' } } }));
  const types = values.types === undefined ? undefined : parseTypesOption(values.types);
  // a reader that stops early (`| head`) ends the command quietly
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!process.stdout.write(`${redact(line, { types }).text}\n`)) await once(process.stdout, 'drain');
  }
}
