/**
 * Bidirectional-text controls in user-written text. In a name (a file, a
 * label, a key) an override can make `invoice-\u202Etxt.exe` read as
 * `invoice-exe.txt`; shown visibly, it cannot pretend. Long free text (a
 * transcript) keeps them, and is isolated from what surrounds it instead
 * (`<bdi>`, `unicode-bidi: isolate` in globals.css).
 */
const CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

const NAMES: Record<string, string> = {
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
};

/** The text with each bidi control replaced by a visible ⟨NAME⟩. */
export function showBidiControls(text: string): string {
  return text.replace(CONTROLS, (c) => `⟨${NAMES[c] ?? 'U+' + c.charCodeAt(0).toString(16).toUpperCase()}⟩`);
}

export function hasBidiControls(text: string): boolean {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text);
}
