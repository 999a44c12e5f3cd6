import 'server-only';
import { csvRow, fixed, UTF8_BOM, type CsvCell } from '@/lib/csv';
import type { DashboardModel, ExportRow } from './types';

/** What prepareExport hands over: the columns' models, the row count, and the rows batch by batch. */
export interface PreparedExport {
  models: DashboardModel[];
  total: number;
  batches(batchSize?: number): AsyncGenerator<ExportRow[]>;
}

export interface ExportCsvOptions {
  /** start with a UTF-8 BOM so Excel reads the file as UTF-8 (the dashboard's download) */
  bom?: boolean;
  /** rows fetched and encoded per pull */
  batchSize?: number;
  /** called after every batch with the rows written so far */
  onProgress?: (rowsWritten: number) => void;
}

const FIXED_COLUMNS = ['id', 'external_id', 'occurred_at', 'channel', 'agent', 'queue', 'customer_id', 'language'] as const;

/**
 * Each model's column name; a name two models share (or one that is a fixed
 * column's) gets the model id appended so every header stays unique. Exact
 * match: the Language model's `Language` beside the `language` column is fine.
 */
function modelColumnNames(models: readonly DashboardModel[]): string[] {
  const taken = new Map<string, number>();
  for (const name of [...FIXED_COLUMNS, 'text', 'metadata', ...models.map((m) => m.name)]) taken.set(name, (taken.get(name) ?? 0) + 1);
  return models.map((m) => ((taken.get(m.name) ?? 0) > 1 ? `${m.name} (${m.id})` : m.name));
}

/**
 * The header: fixed columns, then per model the label it counts as (empty
 * when the prediction is Uncertain or Out of scope: a pivot on the column
 * counts what the dashboard counts), the top score, and the status
 * (counted, uncertain, out_of_scope, corrected), then the text and `metadata`.
 *
 * Metadata is one column of compact JSON, not a column per key: the keys are
 * only known once every row has been read, and a first pass over a million
 * rows to collect them would double the database work and hold the download's
 * first byte back until it ended. One column keeps the header fixed, the
 * memory flat, and every key (even one only a few uploads have) intact.
 */
export function exportCsvHeader(models: readonly DashboardModel[]): string[] {
  return [...FIXED_COLUMNS, ...modelColumnNames(models).flatMap((name) => [name, `${name} score`, `${name} status`]), 'text', 'metadata'];
}

/** One transcript as CSV cells, in the header's order; a model without a prediction leaves its three cells empty. */
export function exportCsvCells(row: ExportRow, models: readonly DashboardModel[]): CsvCell[] {
  const cells: CsvCell[] = [row.id, row.externalId, row.occurredAt, row.channel, row.agent, row.queue, row.customerId, row.language];
  for (const m of models) {
    const p = row.predictions[m.id];
    const counts = p?.status === 'counted' || p?.status === 'corrected';
    cells.push(counts ? p.label : null, p ? fixed(p.score, 4) : null, p?.status);
  }
  cells.push(row.text, Object.keys(row.metadata).length ? JSON.stringify(row.metadata) : null);
  return cells;
}

/**
 * The export as a CSV byte stream. Pull-based: the next batch is only read
 * from the database when the consumer (the HTTP response, a file) has taken
 * the previous one, so memory stays flat whatever the row count. Cancelling
 * the stream (a closed connection) stops the batches.
 */
export function exportCsvStream(prepared: PreparedExport, options: ExportCsvOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { models } = prepared;
  let batches: AsyncGenerator<ExportRow[]> | null = null;
  let written = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        if (!batches) {
          batches = prepared.batches(options.batchSize);
          controller.enqueue(encoder.encode((options.bom ? UTF8_BOM : '') + csvRow(exportCsvHeader(models))));
          return;
        }
        // a pull must enqueue or close: an empty batch would leave the reader waiting
        for (;;) {
          const next = await batches.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (!next.value.length) continue;
          let chunk = '';
          for (const row of next.value) chunk += csvRow(exportCsvCells(row, models));
          written += next.value.length;
          controller.enqueue(encoder.encode(chunk));
          options.onProgress?.(written);
          return;
        }
      },
      cancel: async () => {
        await batches?.return(undefined);
      },
    },
    // one encoded batch buffered ahead, no more
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}

/** `callsight-transcripts-2026-11-28.csv`: the export's file name, dated by the UTC day it was made. */
export function exportFileName(now: Date = new Date()): string {
  return `callsight-transcripts-${now.toISOString().slice(0, 10)}.csv`;
}

/** The streamed download: CSV headers, the file name, and the row count in X-Total-Count. */
export function exportCsvResponse(prepared: PreparedExport, options: ExportCsvOptions & { now?: Date } = {}): Response {
  return new Response(exportCsvStream(prepared, options), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(options.now)}"`,
      'X-Total-Count': String(prepared.total),
      'Cache-Control': 'no-store',
      // a transcript holding HTML must never be sniffed and rendered as a page
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
