// CSV writing (RFC 4180) for every download Callsight offers, with the
// formula-injection guard spreadsheet users need.

/** Starts a file so Excel reads it as UTF-8 instead of the system code page. */
export const UTF8_BOM = '\uFEFF';

/** RFC 4180 line end. */
export const CRLF = '\r\n';

/**
 * A number Callsight computed itself, written with a fixed count of decimals
 * and never neutralized (a score is data, not a formula).
 */
export interface CsvFixed {
  readonly fixed: number;
  readonly digits: number;
}

/**
 * One cell. Strings are treated as untrusted (transcript text, metadata,
 * model and label names are all user data) and always neutralized; numbers
 * are ours and written as they are; null and undefined are empty cells.
 */
export type CsvCell = string | number | CsvFixed | null | undefined;

export const fixed = (value: number, digits: number): CsvFixed => ({ fixed: value, digits });

// OWASP "CSV injection": a cell starting with one of these is read as a
// formula (or as the start of one) by Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a `'` to a string a spreadsheet would run as a formula, so it shows as text. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes a field only when it holds a comma, a double quote or a line break, doubling its quotes. */
export function quoteField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function formatNumber(n: number, digits?: number): string {
  if (!Number.isFinite(n)) return '';
  return digits === undefined ? String(n) : n.toFixed(digits);
}

/** One cell as CSV text: neutralized if it is a string, quoted when it must be. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'object') return formatNumber(cell.fixed, cell.digits);
  return quoteField(neutralizeCell(cell));
}

/** One record, CRLF-terminated. */
export function csvRow(cells: readonly CsvCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvField(cells[i]);
  }
  return line + CRLF;
}

/** A whole (small) CSV document; stream larger ones with csvRow. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: { bom?: boolean } = {}): string {
  let out = (options.bom ? UTF8_BOM : '') + csvRow(header);
  for (const row of rows) out += csvRow(row);
  return out;
}
