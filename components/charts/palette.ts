// Colours that stay apart for the common colour-vision deficiencies: the
// Okabe–Ito set (yellow left out: too faint on white), plus a neutral grey.

export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#7A5C00', '#3B3B98'] as const;
export const OTHER_COLOR = '#A3AAB8';
export const UNCERTAIN_COLOR = '#D0D5DD';
export const BAR_COLOR = '#2454D6';
export const BAR_DIMMED = '#C9D5F5';

/** One colour per label of a chart, the palette in order ("Other" grey). */
export function labelColors(labels: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  for (const l of labels) out[l] = l === 'Other' ? OTHER_COLOR : (OKABE_ITO[i++ % OKABE_ITO.length] ?? OTHER_COLOR);
  return out;
}

/** Heatmap shading: white to deep blue by `t` (0–1), and the text colour that stays readable on it. */
export function heatColor(t: number): { background: string; color: string } {
  const x = Math.max(0, Math.min(1, t));
  // interpolate #F3F6FD → #1D3F9E in RGB; light cells keep dark text
  const from = [243, 246, 253];
  const to = [29, 63, 158];
  const c = from.map((f, i) => Math.round(f + ((to[i] ?? f) - f) * x));
  return { background: `rgb(${c.join(',')})`, color: x > 0.5 ? '#FFFFFF' : '#172033' };
}
