import type { PiiEntity } from './types';

// Person names, only where the words before them say a name follows: no
// library finds names in Swedish and English text reliably offline, and a
// capitalised word alone is as often a product, a place or a sentence start.
// Found: 1–3 capitalised words (with "van", "von", "af", "de" between them,
// "Anna-Karin", "O'Brien") after
// - "my name is", "my name's", "name is", "jag heter", "mitt namn är",
//   "namnet är", "in the name of", "på namnet", "Name:", "Namn:",
//   "Kontaktperson:", "Account holder:", or a title ("Mr", "Mrs", "Ms", "Dr",
//   "herr", "fru");
// - "heter", "call me", "kalla mig", "speaking with", "talking to", "chatting
//   with", "pratar med", "talar med", unless the word is on the stop list below;
// - "this is", "det här är", "det är" at the start of a sentence or after a
//   greeting, followed by the end of the sentence or "from", "at", "här",
//   "från", "på"…; "I'm", "jag är" the same, followed by "from", "at",
//   "calling", "från", "på"… ("I'm Swedish." is not a name);
// - a sign-off at the end of a line or text: "Regards,", "Thanks,", "Mvh",
//   "Med vänliga hälsningar", "Hälsningar", "Hilsen".
// Not found: names without such a cue ("Can I talk to Erik?"), names in lower
// case, and stop-list words (weekdays, months, operators and brands, common
// capitalised words) after the weaker cues.

// Each cue: its pattern over the lower-cased text (no case folding in the
// engine, no Unicode mode: plain literal alternations, the fastest kind), the
// words it cannot match without (a cue none of whose words is in the text
// costs one includes() each), and what must follow the name.
interface Cue {
  pattern: RegExp;
  /** the same, case-insensitive, for the rare text whose lower case changes its length */
  caseless: RegExp;
  triggers: readonly string[];
  /** the stop list applies */
  strict: boolean;
  /** must not follow a letter ("username is" is not "name is") */
  wordStart: boolean;
  /** what must come right before the cue (tested on the 24 characters before it, lower-cased) */
  before?: RegExp;
  after?: { pattern: RegExp; chars: number };
}
function cue(source: string, triggers: readonly string[], options: { strict: boolean; before?: RegExp; after?: Cue['after'] }): Cue {
  return { pattern: new RegExp(source, 'g'), caseless: new RegExp(source, 'gi'), triggers, strict: options.strict, wordStart: true, before: options.before, after: options.after };
}

/** The start of the text, of a sentence or a line, or a greeting. */
const GREETING = /(?:^|[.!?:,][ \t]{1,4}|\n[ \t]{0,8}|(?:hi|hello|hey|hej|hallå|god morgon|god eftermiddag|good morning|good afternoon|good evening)[,!]?[ \t]{1,4})$/;
const FROM = String.raw`\s+(?:from|at|with|here|calling|speaking|in|on|and|från|på|hos|här|som|och|med|ringer)(?![\p{L}])`;

const CUES: readonly Cue[] = [
  cue(
    String.raw`(?:my name is|my name's|my full name is|name is|the name's|jag heter|mitt namn är|mitt fulla namn är|namnet är|in the name of|på namnet|i namnet|(?:full |customer |contact )?name:|(?:kund|för|efter|kontakt)?namn:|kontaktperson:|contact person:|account holder:|kontoinnehavare:)[ \t]{0,4}`,
    ['name', 'namn', 'heter', 'kontaktperson', 'contact person', 'account holder', 'kontoinnehavare'],
    { strict: false },
  ),
  cue(String.raw`(?:heter|call me|you can call me|kalla mig|speaking with|talking to|chatting with|pratar med|talar med|chattar med)[ \t]{1,3}`, ['heter', 'call me', 'kalla mig', 'speaking with', 'talking to', 'chatting with', 'pratar med', 'talar med', 'chattar med'], {
    strict: true,
  }),
  cue(String.raw`(?:this is|det här är|det är)[ \t]{1,3}`, ['this is', 'det här är', 'det är'], {
    strict: true,
    before: GREETING,
    after: { pattern: new RegExp(String.raw`^(?:\s*(?:[,.!?;:)]|$|\n)|${FROM})`, 'iu'), chars: 16 },
  }),
  cue(String.raw`(?:i'm|i’m|i am|jag är)[ \t]{1,3}`, ["i'm", 'i’m', 'i am', 'jag är'], { strict: true, before: GREETING, after: { pattern: new RegExp(`^${FROM}`, 'iu'), chars: 16 } }),
  cue(
    String.raw`(?:best regards|kind regards|warm regards|regards|thanks|thank you|cheers|tack så mycket|tack|mvh|med vänlig hälsning|med vänliga hälsningar|vänliga hälsningar|hälsningar|med vennlig hilsen|venlig hilsen|vennlig hilsen|hilsen)[,.!]?[ \t]{0,4}\n?[ \t]{0,4}`,
    ['regards', 'thank', 'cheers', 'tack', 'mvh', 'hälsning', 'hilsen'],
    { strict: true, after: { pattern: /^[ \t]*[,.!]?[ \t]*(?:\n|$)/, chars: 6 } },
  ),
];
/** A title before a capitalised word: matched on the text itself, case and all. */
const TITLE = /(?<![\p{L}])(?:[Mm]rs?|[Mm]s|[Mm]iss|[Dd]r|[Hh]err|[Ff]ru)\.?[ \t]{1,3}(?=\p{Lu})/gu;
const TITLE_TRIGGERS = ['mr', 'ms', 'miss', 'dr', 'herr', 'fru'];

const PARTICLES = new Set(['van', 'von', 'af', 'de', 'der', 'den', 'da', 'di', 'del', 'la', 'le']);
/** Capitalised words that are not names, after the weaker cues. */
const NOT_NAMES = new Set(
  [
    'i', 'im', 'a', 'an', 'the', 'this', 'that', 'it', 'we', 'you', 'he', 'she', 'they', 'my', 'your', 'our', 'not', 'just', 'so', 'very', 'really', 'sorry', 'calling', 'here', 'also', 'still', 'now',
    'jag', 'vi', 'du', 'ni', 'han', 'hon', 'de', 'det', 'den', 'min', 'mitt', 'din', 'inte', 'bara', 'så', 'väldigt', 'ledsen', 'här', 'också', 'nu', 'tack', 'hej', 'hello', 'hi', 'ok', 'okay', 'yes', 'no', 'ja', 'nej',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag',
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    'januari', 'februari', 'mars', 'maj', 'juni', 'juli', 'augusti', 'oktober',
    'telia', 'tele2', 'telenor', 'comviq', 'tre', 'halebop', 'vimla', 'hallon', 'fello', 'netflix', 'spotify', 'hbo', 'viaplay', 'apple', 'iphone', 'samsung', 'google', 'microsoft',
    'customer', 'support', 'service', 'services', 'billing', 'sales', 'kundtjänst', 'kundservice', 'team', 'teknisk', 'technical', 'sweden', 'sverige', 'norge', 'norway', 'danmark', 'denmark', 'finland', 'suomi',
    'happy', 'glad', 'frustrated', 'angry', 'upset', 'confused', 'new', 'ny', 'nöjd', 'arg', 'irriterad', 'again', 'igen', 'back', 'tillbaka', 'fine', 'bra', 'good', 'great',
    'mr', 'mrs', 'ms', 'miss', 'dr', 'herr', 'fru', 'all', 'everyone', 'alla', 'bye', 'hejdå', 'cheers', 'regards', 'mina', 'sidor', 'appen', 'app',
    'for', 'in', 'on', 'at', 'with', 'by', 'and', 'or', 'och', 'eller', 'med', 'på', 'till', 'från', 'om',
  ],
);

const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

/** A capitalised word at `pos`: an upper-case letter, then letters with inner ' ’ or - ("Anna-Karin", "O'Brien"), at least one lower-case; its end or -1. */
function nameWord(text: string, pos: number): number {
  if (!UPPER.test(text[pos] ?? '')) return -1;
  let i = pos + 1;
  let lower = false;
  while (i < text.length && i - pos < 30) {
    const ch = text[i]!;
    if (LETTER.test(ch)) {
      if (LOWER.test(ch)) lower = true;
      i++;
    } else if ((ch === "'" || ch === '’' || ch === '-') && LETTER.test(text[i + 1] ?? '')) i++;
    else break;
  }
  if (i - pos >= 30 || LETTER.test(text[i] ?? '') || !lower) return -1;
  return i;
}

/** The name that starts at `pos`: 1–3 capitalised words separated by single spaces, particles allowed between them. */
function nameAt(text: string, pos: number, strict: boolean): { start: number; end: number } | undefined {
  const first = nameWord(text, pos);
  if (first < 0) return undefined;
  if (strict && NOT_NAMES.has(text.slice(pos, first).toLowerCase().replace(/['’]/g, ''))) return undefined;
  if (!strict && ['not', 'inte', 'the', 'a', 'an', 'mr', 'mrs', 'ms', 'miss', 'dr', 'herr', 'fru'].includes(text.slice(pos, first).toLowerCase())) return undefined;
  let end = first;
  let words = 1;
  while (words < 3 && text[end] === ' ') {
    let next = end + 1;
    // "van der", "af": up to two particles between the names
    for (let k = 0; k < 2; k++) {
      const particle = /^(\p{Ll}{2,3}) /u.exec(text.slice(next, next + 4));
      if (!particle || !PARTICLES.has(particle[1]!)) break;
      next += particle[0].length;
    }
    const wordEnd = nameWord(text, next);
    if (wordEnd < 0 || NOT_NAMES.has(text.slice(next, wordEnd).toLowerCase())) break;
    end = wordEnd;
    words++;
  }
  return { start: pos, end };
}

/** Person names after a cue. */
export function detectNames(text: string, out: PiiEntity[]): void {
  const lower = text.toLowerCase();
  const aligned = lower.length === text.length;
  const take = (re: RegExp, source: string, strict: boolean, wordStart: boolean, after?: Cue['after'], before?: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(source); m; m = re.exec(source)) {
      if (wordStart && LETTER.test(text[m.index - 1] ?? '')) continue;
      if (before && !before.test(lower.slice(Math.max(0, m.index - 24), m.index))) continue;
      const name = nameAt(text, m.index + m[0].length, strict);
      if (name && (!after || after.pattern.test(text.slice(name.end, name.end + after.chars)))) {
        out.push({ type: 'NAME', start: name.start, end: name.end });
        re.lastIndex = name.end;
      }
    }
  };
  for (const c of CUES) {
    if (!c.triggers.some((t) => lower.includes(t))) continue;
    if (aligned) take(c.pattern, lower, c.strict, c.wordStart, c.after, c.before);
    else take(c.caseless, text, c.strict, c.wordStart, c.after, c.before);
  }
  if (TITLE_TRIGGERS.some((t) => lower.includes(t))) take(TITLE, text, false, false);
}
