import 'server-only';

/** A CSV cell, quoted, with formulas neutralized (a leading = + - @ would run in a spreadsheet). */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function rejectionsCsvLine(r: { line: number; reason: string; excerpt: string }): string {
  return `${[r.line, r.reason, r.excerpt].map(csvCell).join(',')}\r\n`;
}

export const REJECTIONS_CSV_HEADER = 'line,reason,excerpt\r\n';
