import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from '@/lib/db';
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { migrate } from '@/lib/migrate';
import { filtersToSearchParams, parseDashboardFilters, type TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { exportCsvStream } from '@/lib/server/analytics/export-csv';
import { prepareExport } from '@/lib/server/analytics/prepare-export';
import { InputError } from '../read-jsonl';

export const EXPORT_USAGE = `export [--filter "range=all&label=201:Angry"] [--output FILE] [--bom]
                                            the transcripts the dashboard's filters select (default: the last 30 days) as CSV, to stdout or FILE`;

const count = (n: number) => n.toLocaleString('en');

function describe(filters: TDashboardFilters): string {
  const period = filters.from || filters.to ? `${filters.from ?? 'the start'} to ${filters.to ?? 'today'}` : 'all time';
  const rest = filtersToSearchParams(filters);
  rest.delete('range');
  rest.delete('from');
  rest.delete('to');
  return rest.size ? `${period}; ${decodeURIComponent(rest.toString())}` : period;
}

/** The web stream as a Node readable; if the destination fails (a closed pipe), the export is cancelled. */
async function* chunks(stream: ReadableStream<Uint8Array>, onChunk: (c: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      onChunk(next.value);
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel();
  }
}

const isBrokenPipe = (e: unknown) => e instanceof Error && 'code' in e && e.code === 'EPIPE';

/**
 * `npx callsight export`: the same CSV as the dashboard's Export button and
 * GET /v2/transcripts/export, for the same filters (`--filter` takes the
 * dashboard's query string). The CSV goes to stdout or `--output`; progress
 * and the summary go to stderr.
 */
export async function exportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { filter: { type: 'string', default: '' }, output: { type: 'string', short: 'o' }, bom: { type: 'boolean', default: false } },
  });
  let filters: TDashboardFilters;
  try {
    filters = parseDashboardFilters(values.filter);
  } catch (e) {
    if (e instanceof z.ZodError) throw new InputError(`${fromZodError(e, '--filter').message}. Example: --filter "range=all&label=201:Angry&channel=chat"`);
    throw e;
  }
  const output = values.output;
  if (output === '') throw new InputError('--output needs a file name.');

  await migrate(env.DATABASE_URL);
  const db = createDb();
  const started = performance.now();
  const part = output ? `${output}.part-${process.pid}` : null;
  try {
    const prepared = await prepareExport(db, filters);
    console.error(`exporting ${count(prepared.total)} transcripts (${describe(filters)}) with ${prepared.models.length} models…`);
    let bytes = 0;
    let lastReport = 0;
    const stream = exportCsvStream(prepared, {
      bom: values.bom,
      onProgress: (written) => {
        if (!process.stderr.isTTY || performance.now() - lastReport < 1000) return;
        lastReport = performance.now();
        process.stderr.write(`\r  ${count(written)} / ${count(prepared.total)} rows (${Math.floor((100 * written) / Math.max(1, prepared.total))}%)   `);
      },
    });
    const destination: Writable = part ? createWriteStream(part) : process.stdout;
    try {
      await pipeline(Readable.from(chunks(stream, (c) => (bytes += c.byteLength))), destination, { end: part !== null });
    } catch (e) {
      if (part) await rm(part, { force: true });
      // `callsight export | head`: the reader has all it wanted
      if (isBrokenPipe(e)) return;
      throw e;
    }
    if (part && output) await rename(part, output);
    if (process.stderr.isTTY && lastReport) process.stderr.write('\n');
    const seconds = (performance.now() - started) / 1000;
    console.error(`exported ${count(prepared.total)} transcripts (${(bytes / 1024 ** 2).toFixed(1)} MB) in ${seconds.toFixed(1)} s${output ? ` to ${output}` : ''}`);
    if (prepared.total === 0 && !values.filter) console.error('nothing in the last 30 days (the dashboard\'s default range); try --filter "range=all"');
  } finally {
    await db.$disconnect();
  }
}
