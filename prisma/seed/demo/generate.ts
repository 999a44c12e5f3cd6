/**
 * Deterministic generator for the Callsight demo training corpus.
 *
 * A transcript is assembled from many independent pools (openers, identity checks, small talk,
 * root-cause statements, details, agent questions/resolutions, emotion lines at several positions,
 * churn signals, closings), filled with concrete details (amounts in kr, dates, devices, plans,
 * addresses), spoken in one of several customer voices (plain, Scandinavian English, chat shorthand,
 * elderly, formal, terse) and rendered in one of several call/chat/email styles, from a one-line chat
 * to a long call, with light noise (hesitations, false starts, typos, ASR-style lowercasing). About
 * 6 % of contacts are about none of the products (Product: Other) and have no issue type. No
 * Math.random: everything flows from `seed`.
 */
import {
  ISSUE_TYPES,
  OTHER_PRODUCT,
  ROOT_CAUSES_BY_ISSUE,
  SERVICES,
  isPlausible,
  type ChurnRisk,
  type IssueType,
  type Product,
  type Sentiment,
  type Service,
} from './taxonomy';
import { ROOT_CAUSE_PHRASES } from './phrases/problems';
import { PRODUCT_PHRASES, type ProductPhrases } from './phrases/products';
import * as P from './phrases/conversation';
import * as O from './phrases/other';
import * as V from './phrases/voices';

export interface DemoTranscript {
  externalId: string;
  text: string;
  channel: 'call' | 'chat' | 'email';
  agent: string;
  queue: string;
  customerId: string;
  occurredAt: string;
  labels: { product: string; issueTypes: string[]; rootCauses: string[]; sentiment: string; churnRisk: string };
}

export type TrainingModel = 'product' | 'issueType' | 'rootCause' | 'sentiment' | 'churnRisk';

// ---------------------------------------------------------------- PRNG
type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How the customer states a root cause: in the product's own terms where it has some, else in general ones. */
function statementOf(c: Ctx, rootCause: string | undefined): string {
  const own = rootCause === undefined ? undefined : c.pp.problems[rootCause];
  return own?.length && c.r.chance(0.35) ? c.r.pick(own) : c.r.pick(phrasesFor(rootCause).statements);
}

function phrasesFor(rootCause: string | undefined) {
  const p = rootCause === undefined ? undefined : ROOT_CAUSE_PHRASES[rootCause];
  if (!p) throw new Error(`no phrase pool for root cause ${rootCause}`);
  return p;
}

class R {
  constructor(public next: Rng) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(arr: readonly T[]): T {
    const v = arr[Math.floor(this.next() * arr.length)];
    if (v === undefined) throw new Error('pick from an empty pool');
    return v;
  }
  weighted<T extends string>(w: Partial<Record<T, number>>): T {
    const entries = Object.entries(w) as [T, number][];
    let total = 0;
    for (const [, v] of entries) total += v;
    let x = this.next() * total;
    for (const [k, v] of entries) {
      x -= v;
      if (x <= 0) return k;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from no entries');
    return last[0];
  }
}

// ---------------------------------------------------------------- label sampling
const PRODUCT_WEIGHTS: Record<Product, number> = {
  Mobile: 34, 'Mobile Broadband': 11, 'Fixed Line': 8, Fiber: 20, TV: 12, Streaming: 15, Other: 6,
};
const ISSUE_WEIGHTS: Record<IssueType, number> = {
  Billing: 32, Technical: 30, Cancellation: 7, Upgrade: 10, 'Order & Delivery': 9, Account: 10,
};
const RC_WEIGHTS: Record<string, number> = {
  'Incorrect charge': 30, 'Recurring billing error': 18, 'Price plan mismatch': 22, 'Payment failed': 18, 'Roaming charges': 14,
  'Network outage': 30, 'Equipment fault': 30, 'Coverage gap': 18, 'System error': 25,
  'Competitor offer': 45, 'Policy change': 30, Relocation: 25,
  'Data allowance exceeded': 50, 'Contract renewal': 50,
  'Delivery delay': 55, 'Missed installation': 45,
  'Login problem': 60, 'Identity verification': 40,
};
const SECOND_ISSUE: Record<IssueType, IssueType[]> = {
  Billing: ['Technical', 'Technical', 'Account', 'Upgrade', 'Cancellation'],
  Technical: ['Billing', 'Cancellation', 'Order & Delivery', 'Upgrade'],
  Cancellation: ['Billing'],
  Upgrade: ['Billing', 'Order & Delivery'],
  'Order & Delivery': ['Billing', 'Technical'],
  Account: ['Billing', 'Technical'],
};

function pickRootCause(r: R, issue: IssueType, product: Service): string | null {
  const w: Record<string, number> = {};
  for (const rc of ROOT_CAUSES_BY_ISSUE[issue]) if (isPlausible(product, rc)) w[rc] = RC_WEIGHTS[rc] ?? 1;
  return Object.keys(w).length ? r.weighted(w) : null;
}

interface Labels {
  product: Product;
  /** empty for a contact about none of the products */
  issues: IssueType[];
  rcs: string[];
  sentiment: Sentiment;
  churn: ChurnRisk;
  /** for Product Other: what the contact is about (a key of OTHER_TOPICS) */
  topic: string | null;
}

/** Labels of a contact about none of the products: a topic, a feeling that fits it, and rarely any churn. */
function sampleOtherLabels(r: R): Labels {
  const topic = r.weighted(O.OTHER_TOPIC_WEIGHTS);
  const sentiment = r.weighted(O.OTHER_TOPICS[topic]!.sentiment);
  const cw: Record<Sentiment, Record<ChurnRisk, number>> = {
    Angry: { High: 10, Medium: 45, Low: 45 },
    Frustrated: { High: 3, Medium: 30, Low: 67 },
    Neutral: { High: 0.5, Medium: 3, Low: 96.5 },
    Satisfied: { High: 0, Medium: 1, Low: 99 },
  };
  return { product: OTHER_PRODUCT, issues: [], rcs: [], sentiment, churn: r.weighted(cw[sentiment]), topic };
}

function sampleLabels(r: R): Labels {
  const picked = r.weighted(PRODUCT_WEIGHTS);
  if (picked === OTHER_PRODUCT) return sampleOtherLabels(r);
  const product = picked as Service;
  let issue: IssueType = 'Billing';
  let rc: string | null = null;
  while (!rc) {
    issue = r.weighted(ISSUE_WEIGHTS);
    rc = pickRootCause(r, issue, product);
  }
  const issues: IssueType[] = [issue];
  const rcs: string[] = [rc];
  if (r.chance(0.17)) {
    const second = r.pick(SECOND_ISSUE[issue]);
    const rc2 = pickRootCause(r, second, product);
    if (rc2) {
      issues.push(second);
      rcs.push(rc2);
    }
  }
  const sw: Record<Sentiment, number> = { Neutral: 34, Satisfied: 30, Frustrated: 25, Angry: 11 };
  const mult = (k: Sentiment, m: number) => (sw[k] *= m);
  for (const c of rcs) {
    if (['Recurring billing error', 'Missed installation', 'Network outage', 'Roaming charges', 'Delivery delay'].includes(c)) {
      mult('Frustrated', 1.5); mult('Angry', 1.6); mult('Satisfied', 0.7);
    }
    if (['Data allowance exceeded', 'Contract renewal'].includes(c)) { mult('Satisfied', 1.5); mult('Angry', 0.5); }
    if (['Competitor offer', 'Policy change', 'Relocation'].includes(c)) { mult('Neutral', 1.4); mult('Satisfied', 0.6); }
  }
  const sentiment = r.weighted(sw);
  let churn: ChurnRisk;
  if (issues.includes('Cancellation')) churn = 'High';
  else {
    const cw: Record<Sentiment, Record<ChurnRisk, number>> = {
      Angry: { High: 22, Medium: 68, Low: 10 },
      Frustrated: { High: 5, Medium: 60, Low: 35 },
      Neutral: { High: 2, Medium: 12, Low: 86 },
      Satisfied: { High: 1, Medium: 6, Low: 93 },
    };
    churn = r.weighted(cw[sentiment]);
  }
  return { product, issues, rcs, sentiment, churn, topic: null };
}

// ---------------------------------------------------------------- template filling
const AMOUNTS = [39, 49, 59, 79, 89, 99, 119, 129, 149, 179, 199, 229, 249, 295, 299, 349, 399, 449, 495, 599, 695, 799, 995];
const BIG_AMOUNTS = [612, 789, 940, 1099, 1240, 1299, 1495, 1680, 1999, 2150, 2400, 2899, 3460, 4120, 5875];

function fmtKr(r: R, n: number): string {
  const thousands = n >= 1000;
  const num = thousands ? r.pick([`${Math.floor(n / 1000)} ${String(n % 1000).padStart(3, '0')}`, String(n), `${Math.floor(n / 1000)},${String(n % 1000).padStart(3, '0')}`]) : String(n);
  const unit = r.weighted({ ' kr': 50, ' kronor': 18, ':-': 8, ' SEK': 7, 'kr': 6, ' crowns': 4, ' kr.': 3, ' bucks': 2, '': 2 });
  return num + unit;
}

function ordinalDay(d: number): string {
  if (d % 10 === 1 && d !== 11) return `${d}st`;
  if (d % 10 === 2 && d !== 12) return `${d}nd`;
  if (d % 10 === 3 && d !== 13) return `${d}rd`;
  return `${d}th`;
}

interface Ctx {
  r: R;
  product: Product;
  /** the product's phrases; generic ones for a contact about none of the products */
  pp: ProductPhrases;
  voice: V.Voice;
  channel: 'call' | 'chat' | 'email';
  agent: string;
  cfirst: string;
  clast: string;
  cname: string;
  comp: string;
  city: string;
  street: string;
  dev: string;
  plan: string;
  eu: string;
  noneu: string;
  fam: string;
  price: number;
  email: string;
  phone: string;
  custno: string;
}

/** Placeholder values for a contact about none of the products: nothing in them names a product. */
const GENERIC_PHRASES: ProductPhrases = {
  svc: ['subscription', 'account', 'services', 'customer account'],
  dev: ['phone'],
  plan: ['subscription'],
  app: ['website', 'app'],
  price: [199, 299, 399],
  usage: ["I've been a customer for years", 'I am not even a customer of yours'],
  aside: [],
  loose: ['account'],
  problems: {},
};

/** Picks one alternative of each `[a|b|c]` in a template; an empty alternative drops the slot and its space. */
function choose(r: R, tpl: string): string {
  if (!tpl.includes('|')) return tpl;
  return tpl
    .replace(/\[([^[\]]*\|[^[\]]*)\]/g, (_m, alts: string) => r.pick(alts.split('|')))
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,?])/g, '$1')
    .trim();
}

function fill(tpl: string, c: Ctx): string {
  const r = c.r;
  const pp = c.pp;
  return choose(r, tpl).replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      // people name the product by its own name more often than by any one synonym, and often only loosely ("the box")
      case 'svc': {
        const x = r.next();
        if (x < 0.25) return pp.svc[0] ?? r.pick(pp.svc);
        if (x < 0.4) return r.pick(pp.loose).replace(/^(the|my|our) /, '');
        return r.pick(pp.svc);
      }
      case 'dev': return r.chance(0.8) ? c.dev : r.pick(pp.dev);
      case 'plan': return c.plan;
      case 'app': return r.pick(pp.app);
      case 'usage': return r.pick(pp.usage);
      case 'amt': return fmtKr(r, r.pick(AMOUNTS));
      case 'amt2': return fmtKr(r, r.pick(BIG_AMOUNTS));
      case 'price': return fmtKr(r, c.price);
      case 'month': case 'month2': return r.pick(P.MONTHS);
      case 'date': {
        const d = r.int(1, 28);
        const m = r.pick(P.MONTHS);
        return r.pick([`the ${ordinalDay(d)} of ${m}`, `${d} ${m}`, `${m} ${d}`, `${d}/${r.int(1, 12)}`, `${m} ${ordinalDay(d)}`, `the ${ordinalDay(d)}`]);
      }
      case 'day': return String(r.int(1, 28));
      case 'day_name': return r.pick(P.DAY_NAMES);
      case 'n': return String(r.int(2, 9));
      case 'ord': return r.pick(P.ORDINALS);
      case 'time': return r.pick(['7', 'eight', '9:30', 'lunch', '14:00', 'three', '18:15', '20', 'half past six', '10 this morning', '22:00']);
      case 'order': return `${r.int(1000, 9999)}-${r.int(100000, 999999)}`;
      case 'fam': return r.chance(0.7) ? c.fam : r.pick(P.FAMILY);
      case 'tech': return r.pick(P.TECH_WORDS);
      case 'comp': return c.comp;
      case 'eu': return c.eu;
      case 'noneu': return c.noneu;
      case 'city': return c.city;
      case 'street': return c.street;
      case 'agent': return c.agent;
      case 'agentname': return r.pick(P.AGENT_NAMES);
      case 'cname': return c.cname;
      case 'cfirst': return c.cfirst;
      case 'clast': return c.clast;
      case 'mall': return fill(r.pick(O.MALLS), c);
      case 'elsewhere': return r.pick(O.ELSEWHERE);
      case 'role': return r.pick(O.ROLES);
      case 'brand': return r.pick(P.BRANDS);
      case 'daypart': return r.pick(['morning', 'afternoon', 'day', 'evening']);
      case 'email': return c.email;
      case 'phone': return c.phone;
      case 'phone2': return `07${r.int(0, 9)}-${r.int(100, 999)} ${r.int(10, 99)} ${r.int(10, 99)}`;
      case 'custno': return c.custno;
      case 'pnr': return `${r.int(1940, 2004)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}-${r.int(1000, 9999)}`;
      case 'birth': return `${r.int(1, 28)} ${r.pick(P.MONTHS)} ${r.int(1940, 2004)}`;
      case 'postcode': return `${r.int(100, 989)} ${r.int(10, 99)}`;
      default: return key;
    }
  });
}

// ---------------------------------------------------------------- noise
const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq', s: 'ad', d: 'sf', e: 'wr', r: 'et', t: 'ry', i: 'uo', o: 'ip', n: 'bm', m: 'n', l: 'k', h: 'gj', u: 'yi', c: 'xv', g: 'fh',
};

function typo(r: R, word: string): string {
  if (word.length < 4 || /\d|[{}]/.test(word)) return word;
  const i = r.int(1, word.length - 2);
  switch (r.int(0, 3)) {
    case 0: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
    case 1: return word.slice(0, i) + word.slice(i + 1); // drop
    case 2: return word.slice(0, i) + word[i] + word.slice(i); // double
    default: {
      const nb = KEYBOARD_NEIGHBOURS[word[i]!.toLowerCase()];
      return nb ? word.slice(0, i) + r.pick(nb.split('')) + word.slice(i + 1) : word;
    }
  }
}

function addTypos(r: R, text: string, rate: number): string {
  if (rate <= 0) return text;
  return text.split(' ').map((w) => (r.chance(rate) ? typo(r, w) : w)).join(' ');
}

function hesitate(r: R, text: string, p: number): string {
  if (!r.chance(p)) return text;
  const h = r.pick(P.HESITATIONS);
  const mode = r.int(0, 3);
  if (mode === 0) return `${h[0]!.toUpperCase()}${h.slice(1)}, ${text[0]?.toLowerCase() ?? ''}${text.slice(1)}`;
  if (mode === 1) return r.pick(P.FALSE_STARTS) + text[0]?.toLowerCase() + text.slice(1);
  const words = text.split(' ');
  if (words.length < 5) return text;
  const at = r.int(2, words.length - 2);
  words.splice(at, 0, mode === 2 ? `${h},` : `${words[at - 1]}`); // mode 3: stutter (repeat a word)
  return words.join(' ');
}

function cap(s: string): string {
  s = s.trim();
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
function sentence(s: string): string {
  s = cap(s);
  if (!s) return s;
  return /[.!?…)]$/.test(s) ? s : s + '.';
}
function join(...parts: string[]): string {
  return parts.map((p) => p.trim()).filter(Boolean).join(' ');
}

/** Emotion lines starting with '!' talk about a repeated problem; keep them out of Low-churn transcripts. */
function pickEmotion(r: R, pool: string[], churn: string): string {
  const usable = churn === 'Low' ? pool.filter((x) => !x.startsWith('!')) : pool;
  const x = r.pick(usable.length ? usable : pool);
  return x.startsWith('!') ? x.slice(1) : x;
}

// ---------------------------------------------------------------- voices
/** Applies each rule to each match with probability p; "$1" in a replacement is the rule's first group. */
function rewrite(r: R, text: string, rules: readonly [RegExp, string[]][], p: number): string {
  let out = text;
  for (const [re, alts] of rules) {
    out = out.replace(re, (...m: unknown[]) => {
      const whole = String(m[0]);
      if (!r.chance(p)) return whole;
      let x = r.pick(alts).replace(/\$(\d)/g, (_s, i: string) => String(m[Number(i)] ?? ''));
      if (/^[A-ZÅÄÖÆØ]/.test(whole) && /^[a-zåäöæø]/.test(x)) x = x[0]!.toUpperCase() + x.slice(1);
      return x;
    });
  }
  return out;
}

/**
 * A customer line in the transcript's voice. `opening` marks the line that
 * states the problem, where elderly and formal voices add their frame.
 */
function speak(c: Ctx, text: string, opening = false): string {
  const r = c.r;
  if (!text.trim()) return text;
  switch (c.voice) {
    case 'nordic': {
      let x = rewrite(r, text, V.NORDIC_REWRITES, 0.45);
      if (r.chance(0.15)) x = `${cap(r.pick(V.NORDIC_FILLERS))}, ${x[0]?.toLowerCase() ?? ''}${x.slice(1)}`;
      if (r.chance(0.08)) x = x.replace(/[.!]?$/, r.pick(V.NORDIC_TAGS));
      return x;
    }
    case 'casual': {
      if (c.channel === 'call') return text; // nobody says "u" or "pls" out loud
      let x = rewrite(r, text, V.CASUAL_REWRITES, 0.6);
      if (r.chance(0.7)) x = x.toLowerCase();
      x = x.replace(/\.$/, '');
      if (r.chance(0.15)) x = `${x} ${r.pick(V.CASUAL_TAILS)}`;
      return x;
    }
    case 'elderly':
      return opening ? join(fill(r.pick(V.ELDERLY_FRAMES), c) + lowerFirst(text), r.chance(0.4) ? r.pick(V.ELDERLY_TAILS) : '') : text;
    case 'formal':
      return opening && r.chance(0.7) ? fill(r.pick(V.FORMAL_FRAMES), c) + lowerFirst(text) : text;
    default:
      return text;
  }
}

function lowerFirst(s: string): string {
  return /^(I\b|I'|BankID|My Pages|[A-Z]{2})/.test(s) ? s : (s[0]?.toLowerCase() ?? '') + s.slice(1);
}

/** Whether the customer says the problem happened before: a churn signal, so never in a Low-churn transcript. */
function hasHistory(r: R, labels: Labels): boolean {
  return labels.topic === null && r.chance(labels.churn === 'Medium' ? 0.55 : labels.churn === 'High' ? 0.35 : 0);
}

/** Does the text mention something specific to the product (service noun, device or plan)? */
function hasProductCue(text: string, product: Product): boolean {
  if (product === OTHER_PRODUCT) return true;
  const t = text.toLowerCase();
  const pp = PRODUCT_PHRASES[product as Service];
  // devices are shared between products ("router", "smart TV", "phone"), so only service nouns and plans count
  return [...pp.svc, ...pp.plan].some((w) => w.length > 3 && t.includes(w.toLowerCase()));
}

const PRODUCT_CUE_AGENT = [
  'I can see the {svc} on {street} here, the {plan}.',
  'Okay, so this is about the {svc}, the {plan}?',
  'I have your {plan} in front of me.',
  'Right, the {svc}. Let me look at it.',
  "And it's the {svc} we're talking about, with the {dev}?",
];
const PRODUCT_CUE_CUSTOMER = [
  "It's the {svc}, the {plan} one.",
  'Yes, the {svc}. {usage}.',
  "I've got the {plan}, if that helps.",
  "It's for the {svc}, with the {dev}.",
];

// ---------------------------------------------------------------- conversation building
type Speaker = 'A' | 'C';
interface Turn { s: Speaker; t: string }

const NEIGHBOUR_SENTIMENT: Record<Sentiment, Sentiment> = {
  Frustrated: 'Angry', Angry: 'Frustrated', Neutral: 'Satisfied', Satisfied: 'Neutral',
};

const GENERIC_AGENT_Q = [
  'Is it the same on all your devices?',
  'And how long has this been going on?',
  'Have you contacted us about this before?',
  'Okay. And is it only you, or others in the household too?',
  'Just so I understand correctly, when did you first notice it?',
  'Do you remember who you spoke to last time?',
  'And nothing has changed on your side recently?',
  'Could you describe exactly what happens?',
];
const GENERIC_CUSTOMER_A = [
  "I think it started a couple of weeks ago, maybe more.",
  "No, nothing has changed, that's what's so strange.",
  "I don't remember the name, a woman, it was in {month}.",
  'Yes, everyone at home has the same issue.',
  "It's just me, as far as I know.",
  "Not that I know of. My {fam} might have done something, but I doubt it.",
  "Around {date} I think. Don't quote me on that.",
  "I honestly can't remember, it's been a while.",
  'Yes, I called once before but nothing happened.',
];
const AGENT_EXPLAIN = [
  "What I'm going to do now is make a note on your account so the next person can see the whole history.",
  "So, just to summarise: {summary}, and you'll get a confirmation by SMS.",
  "I've added a note here, and you'll have a case number by email in a few minutes.",
  "If anything is still wrong after that, just reply to the email and it comes straight back to us.",
  "I'll also check the rest of the account while I'm at it. Everything else looks fine.",
];
const CUSTOMER_ADD_ISSUE = [
  'And while I have you, there is another thing. ',
  'Oh, and one more thing, ',
  'Also, ',
  'And on top of that ',
  "There's something else as well, ",
  'Plus, ',
];
const OTHER_PRODUCT_LEAD = ['By the way, ', 'Not related, but ', 'Oh, ', 'Just so you know, ', ''];

interface Built {
  turns: Turn[];
  summary: string;
  statementFirst: string;
}

function buildConversation(c: Ctx, labels: Labels, channel: 'call' | 'chat'): Built {
  const r = c.r;
  const sent = labels.sentiment;
  const turns: Turn[] = [];
  const A = (t: string) => t.trim() && turns.push({ s: 'A', t: fill(t, c) });
  const C = (t: string, opening = false) => t.trim() && turns.push({ s: 'C', t: speak(c, fill(t, c), opening) });
  const sentFor = (pool: Record<Sentiment, string[]>, noise = 0.15): string => {
    const s = r.chance(noise) ? NEIGHBOUR_SENTIMENT[sent] : sent;
    return pickEmotion(r, pool[s], labels.churn);
  };
  const terse = c.voice === 'terse' || c.voice === 'casual';
  const long = !terse && (channel === 'call' ? r.chance(0.35) : r.chance(0.15));
  const short = !long && r.chance(terse ? 0.75 : channel === 'chat' ? 0.45 : 0.2);

  const rc1 = phrasesFor(labels.rcs[0]);
  const statement = statementOf(c, labels.rcs[0]);

  // 1. greeting
  if (channel === 'chat' && r.chance(0.3)) C(r.pick(['hi', 'hello', 'Hi!', 'hey', 'Hello?', 'hi there']));
  A(r.pick(channel === 'chat' ? P.CHAT_GREETINGS : P.AGENT_GREETINGS));

  // 2. problem statement (maybe after verification)
  const verifyFirst = r.chance(0.4) && !short;
  const verify = () => {
    A(r.pick(P.AGENT_VERIFY));
    C(r.pick(P.CUSTOMER_VERIFY));
    A(r.pick(P.AGENT_VERIFY_OK));
  };
  const problemTurn = () => {
    const opener = channel === 'chat' || c.voice === 'terse' ? '' : r.pick(P.CUSTOMER_OPENERS);
    let body = sentence((c.voice === 'terse' ? '' : r.pick(P.PROBLEM_LEADINS)) + statement);
    if (r.chance(0.5)) body = join(body, sentence(sentFor(P.SENT_EARLY)));
    if (r.chance(0.3)) body = join(body, sentence(r.pick(c.pp.usage)));
    turns.push({ s: 'C', t: join(fill(opener, c), speak(c, fill(body, c), true)) });
  };
  if (verifyFirst) {
    C(r.pick(P.CUSTOMER_OPENERS) || 'Hi.');
    verify();
    problemTurn();
  } else {
    problemTurn();
  }

  if (!short && r.chance(channel === 'call' ? 0.35 : 0.1)) {
    const [a, b] = r.pick(P.SMALL_TALK);
    if (r.chance(0.5)) { A(a); C(b); } else { C(a.replace(/^Sorry about the wait today/, 'Sorry to bother you')); A(b); }
  }

  A(r.chance(0.4) ? join(r.pick(P.AGENT_ACKS), r.chance(0.3) ? r.pick(P.AGENT_EMPATHY) : '') : r.pick(P.AGENT_EMPATHY));
  if (!verifyFirst && !short && r.chance(0.8)) verify();
  else if (!verifyFirst && short && r.chance(0.4)) verify();
  if (!hasProductCue(turns.map((x) => x.t).join(' '), c.product) || r.chance(0.25)) {
    if (r.chance(0.5)) A(r.pick(PRODUCT_CUE_AGENT));
    else C(r.pick(PRODUCT_CUE_CUSTOMER));
  }

  // 3. details
  A(r.pick(rc1.questions));
  C(join(sentence(r.pick(rc1.details)), r.chance(0.45) ? sentence(sentFor(P.SENT_MID)) : ''));
  if (long) {
    A(r.pick(GENERIC_AGENT_Q));
    C(join(sentence(r.pick(GENERIC_CUSTOMER_A)), r.chance(0.5) ? sentence(r.pick(rc1.details)) : ''));
    if (r.chance(0.5)) C(sentence(r.pick(P.CUSTOMER_ASIDES)));
    if (r.chance(0.5)) { A(r.pick(rc1.questions)); C(join(sentence(r.pick(rc1.details)), sentence(sentFor(P.SENT_MID, 0.1)))); }
    if (r.chance(0.5)) { A(r.pick(GENERIC_AGENT_Q)); C(join(sentence(r.pick(GENERIC_CUSTOMER_A)), r.chance(0.5) ? sentence(r.pick(c.pp.usage)) : '')); }
    if (r.chance(0.35)) { A(r.pick(P.AGENT_EMPATHY)); C(join(sentence(statementOf(c, labels.rcs[0])), sentence(sentFor(P.SENT_EARLY)))); }
  } else if (!short && r.chance(0.5)) {
    A(r.pick(GENERIC_AGENT_Q));
    C(sentence(r.pick(GENERIC_CUSTOMER_A)));
  }
  const history = hasHistory(r, labels);
  if (history) C(sentence(r.pick(P.HISTORY)));
  if (labels.churn === 'Medium' && (!history || r.chance(0.6))) C(sentence(r.pick(P.CHURN_MEDIUM)));

  // 4. optional second issue
  let summary = r.pick(rc1.resolutions);
  if (labels.rcs.length > 1) {
    const rc2 = phrasesFor(labels.rcs[1]);
    C(sentence(r.pick(CUSTOMER_ADD_ISSUE) + statementOf(c, labels.rcs[1])));
    A(join(r.chance(0.5) ? r.pick(P.AGENT_ACKS) : '', r.pick(rc2.questions)));
    C(sentence(r.pick(rc2.details)));
    summary = r.pick(rc2.resolutions);
  }

  // 5. side mention of another product (not the topic)
  if (r.chance(0.22)) {
    const other = r.pick(SERVICES.filter((p) => p !== c.product));
    C(sentence(r.pick(OTHER_PRODUCT_LEAD) + r.pick(PRODUCT_PHRASES[other].aside)));
    if (r.chance(0.5)) A(r.pick(['Good to hear.', 'Okay, noted.', 'Great.', "Good, let's focus on this then."]));
  }

  // 6. hold + resolution
  if (!short && r.chance(0.4)) A(r.pick(P.AGENT_HOLD));
  A(sentence(cap(r.pick(rc1.resolutions))));
  if (labels.rcs.length > 1) A(sentence(cap(summary)));
  if (long && r.chance(0.6)) A(r.pick(AGENT_EXPLAIN).replace('{summary}', summary));
  let late = sentFor(P.SENT_LATE, 0.1);
  if (labels.churn === 'High') late = join(sentence(late), sentence(r.pick(P.CHURN_HIGH)));
  else if (labels.churn === 'Low' && r.chance(0.3)) late = join(sentence(late), sentence(r.pick(P.CHURN_LOW)));
  C(late);
  if (labels.churn === 'High' && r.chance(0.5) && !labels.issues.includes('Cancellation')) {
    A(r.pick(P.AGENT_RETENTION));
    C(r.pick(sent === 'Satisfied' || sent === 'Neutral'
      ? ["I'll think about it, but I'm probably going to switch.", "Maybe. Send me something in writing and I'll compare.", "Thanks, but I've pretty much decided."]
      : ["No. I've made up my mind.", "Too late for that, honestly.", "Don't bother. I'm leaving.", "We'll see. I'm not promising anything."]));
  }
  let askedAnything = false;
  if (long && r.chance(0.5)) {
    askedAnything = true;
    A(r.pick(P.AGENT_ANYTHING_ELSE));
    C(r.pick(['Actually, one more question, will I get a confirmation?', 'Hmm, no, I think that was it. Oh wait, will this show on the next invoice?', 'Yes, how do I see this in the app later?', 'Just one thing, do I need to do anything myself?']));
    A(r.pick(["Yes, you'll get it by email.", 'Yes, it will be visible on the next invoice.', "No, you don't need to do anything, it's all done from our side.", 'You can see it under Invoices in My Pages.']));
  }

  // 7. closing
  if (!short || r.chance(0.5)) {
    if (!askedAnything) A(r.pick(P.AGENT_ANYTHING_ELSE));
    C(r.pick(P.CUSTOMER_CLOSINGS[r.chance(0.1) ? NEIGHBOUR_SENTIMENT[sent] : sent]));
    if (r.chance(0.7)) A(r.pick(P.AGENT_CLOSINGS));
  }
  return { turns, summary, statementFirst: statement };
}

function otherTopic(labels: Labels): O.OtherTopic {
  const t = labels.topic === null ? undefined : O.OTHER_TOPICS[labels.topic];
  if (!t) throw new Error(`no phrase pool for topic ${labels.topic}`);
  return t;
}

/** A contact about none of the products: what they want, maybe a detail, the agent's answer, their reaction. */
function buildOther(c: Ctx, labels: Labels, channel: 'call' | 'chat'): Built {
  const r = c.r;
  const sent = labels.sentiment;
  const topic = otherTopic(labels);
  const turns: Turn[] = [];
  const A = (t: string) => t.trim() && turns.push({ s: 'A', t: fill(t, c) });
  const C = (t: string) => t.trim() && turns.push({ s: 'C', t: speak(c, fill(t, c)) });
  if (channel === 'chat' && r.chance(0.3)) C(r.pick(['hi', 'hello', 'Hi!', 'hey', 'hej']));
  if (r.chance(channel === 'call' ? 0.85 : 0.6)) A(r.pick(channel === 'chat' ? P.CHAT_GREETINGS : P.AGENT_GREETINGS));
  const opener = channel === 'chat' || c.voice === 'terse' ? '' : r.pick(P.CUSTOMER_OPENERS.filter((o) => !o.includes('{svc}')));
  let body = sentence(r.pick(topic.statements));
  if (r.chance(0.4)) body = join(body, sentence(pickEmotion(r, P.SENT_EARLY[sent], 'Low')));
  turns.push({ s: 'C', t: join(fill(opener, c), speak(c, fill(body, c), true)) });
  if (r.chance(0.55)) {
    A(r.pick(['Okay, could you tell me a bit more?', 'I see. When was this?', 'Right, and what is it you need from us?', 'Mm, okay.', 'Of course, let me see.']));
    C(join(sentence(r.pick(topic.details)), r.chance(0.4) ? sentence(pickEmotion(r, P.SENT_MID[sent], 'Low')) : ''));
  }
  A(r.pick(topic.answers));
  let late = r.pick(O.OTHER_REACTIONS[r.chance(0.1) ? NEIGHBOUR_SENTIMENT[sent] : sent]);
  if (labels.churn === 'High') late = join(sentence(late), sentence(r.pick(P.CHURN_HIGH.filter((x) => !x.includes('{svc}')))));
  else if (labels.churn === 'Medium') late = join(sentence(late), sentence(r.pick(P.CHURN_MEDIUM.filter((x) => !x.includes('{svc}')))));
  C(late);
  if (r.chance(0.6)) {
    C(r.pick(P.CUSTOMER_CLOSINGS[sent]));
    if (r.chance(0.6)) A(r.pick(P.AGENT_CLOSINGS));
  }
  return { turns, summary: '', statementFirst: '' };
}

// ---------------------------------------------------------------- rendering
function stripForAsr(s: string): string {
  return s.toLowerCase().replace(/[.,!?;:"“”()…*—-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function renderCall(c: Ctx, turns: Turn[]): string {
  const r = c.r;
  const style = r.weighted({ labels: 34, short: 14, names: 14, upper: 8, ts: 10, asr: 14, spk: 6 });
  const typoRate = style === 'asr' || style === 'spk' ? 0.012 : 0.004;
  let clock = r.int(0, 40);
  return turns
    .map(({ s, t }) => {
      let text = s === 'C' ? hesitate(r, t, 0.3) : hesitate(r, t, 0.06);
      text = addTypos(r, text, typoRate);
      const who = s === 'A' ? 'Agent' : 'Customer';
      clock += r.int(4, 40);
      switch (style) {
        case 'short': return `${s}: ${text}`;
        case 'names': return `${s === 'A' ? c.agent : c.cfirst}: ${text}`;
        case 'upper': return `${who.toUpperCase()}: ${text}`;
        case 'ts': return `[${String(Math.floor(clock / 3600)).padStart(2, '0')}:${String(Math.floor(clock / 60) % 60).padStart(2, '0')}:${String(clock % 60).padStart(2, '0')}] ${who}: ${text}`;
        case 'asr': return `${who.toLowerCase()} ${stripForAsr(text)}`;
        case 'spk': return `speaker_${s === 'A' ? 0 : 1}: ${stripForAsr(text)}`;
        default: return `${who}: ${text}`;
      }
    })
    .join('\n');
}

const EMOJI: Record<string, string[]> = {
  Satisfied: ['🙂', '😊', '🙏', '👍', '😄'], Neutral: ['👍', '🙂', ''], Frustrated: ['😩', '🙄', '😞', '😅'], Angry: ['😤', '😡', '🤬', '!!'],
};

/** How typing shows a feeling: capitals and exclamation marks when angry, trailing dots when worn out. */
function intensify(r: R, text: string, sentiment: string): string {
  if (sentiment === 'Angry') {
    if (r.chance(0.1)) return text.toUpperCase();
    if (r.chance(0.2)) return text.replace(/[.!]?$/, r.pick(['!', '!!', '!!!', '?!']));
  } else if (sentiment === 'Frustrated' && r.chance(0.15)) {
    return text.replace(/[.!]?$/, r.pick(['...', '…', '. sigh']));
  }
  return text;
}

function renderChat(c: Ctx, turns: Turn[], sentiment: string): string {
  const r = c.r;
  const style = r.weighted({ labels: 40, you: 15, named: 20, ts: 25 });
  const lower = r.chance(0.55);
  let minute = r.int(0, 59);
  const hour = r.int(8, 21);
  const lines: string[] = [];
  for (const { s, t } of turns) {
    let pieces = [t];
    if (s === 'C') {
      let x = t;
      if (lower) x = x.toLowerCase().replace(/\.$/, '');
      if (r.chance(0.15)) x = x.replace(/\byou\b/g, 'u').replace(/\bplease\b/g, 'pls').replace(/\bthanks\b/g, 'thx');
      x = intensify(r, addTypos(r, x, 0.03), sentiment);
      if (r.chance(0.1)) x = `${x} ${r.pick(EMOJI[sentiment] ?? [])}`.trim();
      // split long customer messages into several chat lines
      pieces = x.length > 90 && r.chance(0.6) ? x.split(/(?<=[.!?])\s+/).filter(Boolean) : [x];
    }
    for (const p of pieces) {
      minute += r.int(0, 2);
      const who = s === 'A' ? (style === 'named' ? `${c.agent} (agent)` : 'Agent') : style === 'you' ? 'You' : style === 'named' ? c.cfirst : 'Customer';
      const ts = `${String((hour + Math.floor(minute / 60)) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      lines.push(style === 'ts' ? `[${ts}] ${who}: ${p}` : `${who}: ${p}`);
    }
  }
  if (r.chance(0.15)) lines.unshift(fill(r.pick(P.BOT_INTROS), c));
  return lines.join('\n');
}

const EMAIL_ASKS: Record<Sentiment, string[]> = {
  Frustrated: ['Please sort this out properly this time.', 'I would appreciate an answer that actually solves it.', 'Please just fix it, I have explained this enough times.', 'I hope I do not have to write again.'],
  Angry: ['I expect a full refund and a written apology.', 'Fix this immediately.', 'I want an answer within 24 hours, otherwise I will file a complaint.', 'I will contact the consumer agency if I do not hear from you.'],
  Neutral: ['Could you please look into it?', 'Please let me know what you find.', 'What do I need to do?', 'Grateful for a reply.', 'Please advise.'],
  Satisfied: ['Thanks in advance, you have always been helpful!', 'Thank you for your help, much appreciated.', 'Many thanks, and have a nice day!', 'Thank you so much!'],
};

/** The e-mail's body paragraphs for a contact about a product. */
function emailParagraphs(c: Ctx, labels: Labels): string[] {
  const r = c.r;
  const sent = labels.sentiment;
  const rc1 = phrasesFor(labels.rcs[0]);
  const paras: string[] = [];
  const intro = c.voice === 'terse' ? '' : r.pick(['', 'I am writing about my {svc}. ', "I'm contacting you regarding my {svc}. ", 'I need help with the following. ', '']);
  paras.push(join(fill(intro, c), speak(c, sentence(fill(r.pick(P.PROBLEM_LEADINS) + statementOf(c, labels.rcs[0]), c)), true), sentence(fill(r.pick(rc1.details), c))));
  const p2: string[] = [];
  if (r.chance(0.6)) p2.push(sentence(fill(r.pick(rc1.details), c)));
  if (r.chance(0.4) || !hasProductCue(paras[0] ?? '', c.product)) p2.push(sentence(fill(r.pick([...c.pp.usage, ...PRODUCT_CUE_CUSTOMER]), c)));
  p2.push(sentence(fill(pickEmotion(r, P.SENT_EARLY[sent], labels.churn), c)));
  if (labels.rcs.length > 1) {
    const rc2 = phrasesFor(labels.rcs[1]);
    p2.push(sentence(fill(r.pick(CUSTOMER_ADD_ISSUE) + statementOf(c, labels.rcs[1]), c)), sentence(fill(r.pick(rc2.details), c)));
  }
  if (r.chance(0.2)) {
    const other = r.pick(SERVICES.filter((p) => p !== c.product));
    p2.push(sentence(r.pick(OTHER_PRODUCT_LEAD) + r.pick(PRODUCT_PHRASES[other].aside)));
  }
  paras.push(speak(c, join(...p2)));
  const p3: string[] = [];
  const history = hasHistory(r, labels);
  if (history) p3.push(fill(r.pick(P.HISTORY), c));
  if (labels.churn === 'High') p3.push(sentence(fill(r.pick(P.CHURN_HIGH), c)));
  else if (labels.churn === 'Medium' && (!history || r.chance(0.6))) p3.push(sentence(fill(r.pick(P.CHURN_MEDIUM), c)));
  p3.push(r.pick(EMAIL_ASKS[r.chance(0.12) ? NEIGHBOUR_SENTIMENT[sent] : sent]));
  if (c.voice === 'formal' && r.chance(0.6)) p3.push(r.pick(V.FORMAL_TAILS));
  paras.push(speak(c, join(...p3)));
  return paras;
}

/** The e-mail's body paragraphs for a contact about none of the products. */
function otherEmailParagraphs(c: Ctx, labels: Labels): string[] {
  const r = c.r;
  const topic = otherTopic(labels);
  const sent = labels.sentiment;
  const paras = [speak(c, join(sentence(fill(r.pick(topic.statements), c)), r.chance(0.6) ? sentence(fill(r.pick(topic.details), c)) : ''), true)];
  const p2: string[] = [];
  if (r.chance(0.5)) p2.push(sentence(fill(pickEmotion(r, P.SENT_EARLY[sent], 'Low'), c)));
  if (labels.churn === 'High') p2.push(sentence(fill(r.pick(P.CHURN_HIGH.filter((x) => !x.includes('{svc}'))), c)));
  else if (labels.churn === 'Medium') p2.push(sentence(fill(r.pick(P.CHURN_MEDIUM.filter((x) => !x.includes('{svc}'))), c)));
  p2.push(r.pick(EMAIL_ASKS[sent]));
  paras.push(speak(c, join(...p2)));
  return paras;
}

function renderEmail(c: Ctx, labels: Labels): string {
  const r = c.r;
  const paras = labels.topic === null ? emailParagraphs(c, labels) : otherEmailParagraphs(c, labels);
  // one run-on paragraph from a phone, or the paragraphs as written
  const oneBlock = c.voice === 'casual' || c.voice === 'terse' || r.chance(0.2);
  let body = oneBlock ? addTypos(r, paras.filter(Boolean).join(' '), 0.012) : paras.filter(Boolean).map((p) => addTypos(r, p, 0.008)).join('\n\n');
  const greet = c.voice === 'terse' && r.chance(0.5) ? '' : r.pick(P.EMAIL_GREETINGS);
  const signoff = r.chance(0.1) ? (r.chance(0.5) ? c.cfirst : '') : `${r.pick(P.EMAIL_SIGNOFFS)}\n${r.chance(0.7) ? c.cname : c.cfirst}${r.chance(0.3) ? `\n${fill('{phone}', c)}` : ''}`;
  body = [greet, body, signoff].filter(Boolean).join(oneBlock && r.chance(0.5) ? '\n' : '\n\n');
  const subject = `Subject: ${fill(labels.topic === null ? r.pick(P.EMAIL_SUBJECTS) : r.pick(['Question', 'Hello', 'Feedback', 'Complaint', 'Enquiry', 'Contact', '']), c)}`;
  let out = `${r.chance(0.5) ? `From: ${c.email}\n` : ''}${subject}\n\n${body}`;
  if (r.chance(0.3) && labels.topic === null) {
    const rc1 = phrasesFor(labels.rcs[0]);
    const reply = join(`Hi ${c.cfirst},`, `thank you for your email.`, sentence(cap(fill(r.pick(rc1.resolutions), c))), fill(`Best regards, {agent}, {brand}`, c));
    out = `${reply}\n\n----- Original message -----\n${out}`;
  }
  return out;
}

/**
 * One paragraph in the customer's words, as an API client sends a call summary
 * or the customer's opening turn: the problem, a detail, how they feel and,
 * where there is one, the churn signal. No greeting, no agent.
 */
function renderStatement(c: Ctx, labels: Labels): string {
  const r = c.r;
  const sent = labels.sentiment;
  const parts: string[] = [];
  if (labels.topic !== null) {
    const topic = otherTopic(labels);
    parts.push(speak(c, sentence(fill(r.pick(topic.statements), c)), true));
    if (r.chance(0.5)) parts.push(speak(c, sentence(fill(r.pick(topic.details), c))));
  } else {
    const rc1 = phrasesFor(labels.rcs[0]);
    const about = fill(r.pick(["I'm calling about my {svc}.", 'This is about my {svc}.', "It's regarding the {svc}.", 'My {svc}:', "I'm contacting you about the {svc}.", '']), c);
    const problem = sentence(fill(r.pick(P.PROBLEM_LEADINS) + statementOf(c, labels.rcs[0]), c));
    parts.push(r.pick(['', 'Hi, ', 'Hello, ', 'Hi there, ']) + (about ? join(speak(c, about, true), speak(c, problem)) : speak(c, problem, true)));
    if (r.chance(0.6)) parts.push(sentence(fill(r.pick(rc1.details), c)));
    if (labels.rcs.length > 1) parts.push(sentence(fill(r.pick(CUSTOMER_ADD_ISSUE) + statementOf(c, labels.rcs[1]), c)));
  }
  const rest: string[] = [sentence(fill(pickEmotion(r, P.SENT_EARLY[sent], labels.churn), c))];
  if (r.chance(0.5)) rest.push(sentence(fill(pickEmotion(r, P.SENT_MID[sent], labels.churn), c)));
  const history = hasHistory(r, labels);
  if (history) rest.push(fill(r.pick(P.HISTORY), c));
  if (labels.churn === 'High') rest.push(sentence(fill(r.pick(P.CHURN_HIGH.filter((x) => labels.topic === null || !x.includes('{svc}'))), c)));
  else if (labels.churn === 'Medium' && (!history || r.chance(0.6))) rest.push(sentence(fill(r.pick(P.CHURN_MEDIUM.filter((x) => labels.topic === null || !x.includes('{svc}'))), c)));
  parts.push(speak(c, join(...rest)));
  return addTypos(r, join(...parts.filter(Boolean)), 0.008);
}

/**
 * A chat or message of a line or three, as people type into a web form or a
 * messaging app: the problem, maybe how they feel, and often nothing else.
 */
function renderQuick(c: Ctx, labels: Labels): string {
  const r = c.r;
  const sent = labels.sentiment;
  const msgs: string[] = [];
  if (labels.topic !== null) {
    const topic = otherTopic(labels);
    msgs.push(fill(r.pick(topic.statements), c));
    if (r.chance(0.35)) msgs.push(fill(r.pick(topic.details), c));
  } else {
    const rc1 = phrasesFor(labels.rcs[0]);
    msgs.push(fill(statementOf(c, labels.rcs[0]), c));
    if (r.chance(0.4)) msgs.push(fill(r.pick(rc1.details), c));
    // a one-liner often does not name the product: say it in a word ("it's the 4G box")
    if (!hasProductCue(msgs.join(' '), c.product) && r.chance(0.7)) msgs.push(fill(r.pick(['{svc}', "it's the {svc}", 'the {svc}', '({svc})', 'on the {plan}']), c));
    if (labels.rcs.length > 1) msgs.push(fill(r.pick(CUSTOMER_ADD_ISSUE) + statementOf(c, labels.rcs[1]), c));
  }
  const feeling = pickEmotion(r, P.SENT_EARLY[sent], labels.churn);
  if (feeling && (sent === 'Angry' || sent === 'Frustrated' || r.chance(0.6))) msgs.push(fill(feeling, c));
  const history = hasHistory(r, labels);
  if (history) msgs.push(fill(r.pick(P.HISTORY), c));
  if (labels.churn === 'High') msgs.push(fill(r.pick(P.CHURN_HIGH.filter((x) => labels.topic === null || !x.includes('{svc}'))), c));
  else if (labels.churn === 'Medium' && (!history || r.chance(0.6))) msgs.push(fill(r.pick(P.CHURN_MEDIUM.filter((x) => labels.topic === null || !x.includes('{svc}'))), c));
  const lower = c.voice === 'casual' || r.chance(0.5);
  const lines = msgs.map((m) => {
    let x = speak(c, m.trim());
    if (lower) x = x.toLowerCase();
    x = intensify(r, addTypos(r, x, c.voice === 'casual' ? 0.05 : 0.025), sent);
    if (r.chance(0.15)) x = `${x} ${r.pick(EMOJI[sent] ?? [])}`.trim();
    return x;
  });
  const style = r.weighted({ bare: 30, labels: 30, merged: 25, sms: 15 });
  if (style === 'merged') return lines.map((l) => sentence(l)).join(' ');
  if (style === 'bare') return lines.join('\n');
  if (style === 'sms') return lines.map((l) => `> ${l}`).join('\n');
  const who = r.pick(['Customer', 'You', c.cfirst, 'Visitor']);
  const out = lines.map((l) => `${who}: ${l}`);
  if (r.chance(0.4)) out.push(`Agent: ${fill(r.pick(["Hi {cfirst}, I'll look into it right away.", 'Thanks, checking now.', 'Hi! Let me have a look.', 'Sorry to hear that, one moment.']), c)}`);
  return out.join('\n');
}

// ---------------------------------------------------------------- timestamps & metadata
const QUEUE_BY_ISSUE: Record<IssueType, string> = {
  Billing: 'Billing', Technical: 'Tech Support', Cancellation: 'Retention', Upgrade: 'Sales',
  'Order & Delivery': 'Orders & Installation', Account: 'Customer Care',
};
const WEEKDAY_WEIGHT = [0.45, 1.3, 1.15, 1.1, 1.05, 0.95, 0.55]; // Sun..Sat
const CALL_HOURS: Record<number, number> = { 8: 6, 9: 11, 10: 12, 11: 10, 12: 6, 13: 9, 14: 10, 15: 9, 16: 8, 17: 5, 18: 3, 19: 2 };
const CHAT_HOURS: Record<number, number> = { 7: 2, 8: 4, 9: 6, 10: 7, 11: 7, 12: 8, 13: 7, 14: 7, 15: 7, 16: 7, 17: 7, 18: 7, 19: 8, 20: 8, 21: 6, 22: 3 };

function sampleTime(r: R, startMs: number, days: number, channel: 'call' | 'chat' | 'email'): Date {
  for (;;) {
    const dayOffset = r.int(1, Math.max(1, days));
    const d = new Date(startMs - dayOffset * 86400000);
    if (r.next() * 1.3 > WEEKDAY_WEIGHT[d.getUTCDay()]!) continue;
    const hour = channel === 'email' ? r.int(0, 23) : Number(r.weighted(Object.fromEntries(Object.entries(channel === 'call' ? CALL_HOURS : CHAT_HOURS).map(([h, w]) => [h, w]))));
    d.setUTCHours(hour, r.int(0, 59), r.int(0, 59), 0);
    return d;
  }
}

// ---------------------------------------------------------------- public API
export function generateTranscripts(
  count: number,
  seed: number,
  options: { startDate?: Date; days?: number } = {},
): DemoTranscript[] {
  const r = new R(mulberry32(seed ^ 0x5eed1234));
  const start = (options.startDate ?? new Date('2026-11-28T00:00:00Z')).getTime();
  const days = options.days ?? 90;
  const out: DemoTranscript[] = [];
  for (let i = 0; i < count; i++) {
    const labels = sampleLabels(r);
    const product = labels.product;
    const pp = product === OTHER_PRODUCT ? GENERIC_PHRASES : PRODUCT_PHRASES[product as Service];
    const cfirst = r.pick(P.CUSTOMER_FIRST);
    const clast = r.pick(P.CUSTOMER_LAST);
    const c: Ctx = {
      r, product, pp, cfirst, clast, cname: `${cfirst} ${clast}`,
      voice: r.weighted(V.VOICE_WEIGHTS),
      channel: r.weighted({ call: 58, chat: 32, email: 10 }),
      agent: r.pick(P.AGENT_NAMES),
      comp: r.pick(P.COMPETITORS), city: r.pick(P.CITIES), street: `${r.pick(P.STREETS)} ${r.int(1, 60)}`,
      dev: r.pick(pp.dev), plan: r.pick(pp.plan), eu: r.pick(P.EU_COUNTRIES), noneu: r.pick(P.NON_EU_COUNTRIES),
      fam: r.pick(P.FAMILY), price: r.pick(pp.price),
      email: `${cfirst.toLowerCase()}.${clast.toLowerCase()}${r.chance(0.5) ? r.int(1, 99) : ''}@${r.pick(['gmail.com', 'hotmail.com', 'outlook.com', 'telia.com', 'icloud.com', 'yahoo.se', 'online.no', 'live.dk'])}`
        .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ø/g, 'o').replace(/æ/g, 'ae'),
      phone: r.pick([
        `07${r.int(0, 9)}-${r.int(100, 999)} ${r.int(10, 99)} ${r.int(10, 99)}`,
        `+47 ${r.int(400, 999)} ${r.int(10, 99)} ${r.int(100, 999)}`,
        `+45 ${r.int(20, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
      ]),
      custno: String(r.int(10000000, 99999999)),
    };
    const channel = c.channel;
    let text: string;
    if (channel === 'email') text = renderEmail(c, labels);
    else if (r.chance(0.12)) text = renderStatement(c, labels);
    else if (channel === 'chat' && r.chance(0.3)) text = renderQuick(c, labels);
    else {
      const built = labels.topic === null ? buildConversation(c, labels, channel) : buildOther(c, labels, channel);
      text = channel === 'call' ? renderCall(c, built.turns) : renderChat(c, built.turns, labels.sentiment);
    }
    const primary = labels.issues[0];
    const queue = primary && r.chance(0.85) ? QUEUE_BY_ISSUE[primary] : r.pick(['General', 'Customer Care', 'Tech Support', 'Billing']);
    out.push({
      externalId: `demo-${String(i + 1).padStart(6, '0')}`,
      text,
      channel,
      agent: `${c.agent} ${r.pick(['A.', 'B.', 'E.', 'H.', 'J.', 'K.', 'L.', 'M.', 'N.', 'S.'])}`,
      queue,
      customerId: `C${c.custno}`,
      occurredAt: sampleTime(r, start, days, channel).toISOString(),
      labels: {
        product,
        issueTypes: [...labels.issues],
        rootCauses: [...labels.rcs],
        sentiment: labels.sentiment,
        churnRisk: labels.churn,
      },
    });
  }
  return out;
}

/**
 * The transcripts as one model's training examples. A contact about none of
 * the products has no issue type or root cause, so it is left out of those
 * two models' examples (an example needs a label).
 */
export function toTrainingExamples(ts: DemoTranscript[], model: TrainingModel): { text: string; labels: string[] }[] {
  return ts.flatMap((t) => {
    const l = t.labels;
    const labels =
      model === 'product' ? [l.product]
      : model === 'issueType' ? [...l.issueTypes]
      : model === 'rootCause' ? [...l.rootCauses]
      : model === 'sentiment' ? [l.sentiment]
      : [l.churnRisk];
    return labels.length ? [{ text: t.text, labels }] : [];
  });
}

export { ISSUE_TYPES };
