/**
 * Customer voices. generate.ts picks one per transcript and rewrites the
 * customer's lines with it, so the same problem reaches the models in the
 * words of a Norwegian writing in a second language, a teenager in chat, an
 * elderly caller or a formal complaint.
 */

export type Voice = 'plain' | 'nordic' | 'casual' | 'elderly' | 'formal' | 'terse';

export const VOICE_WEIGHTS: Record<Voice, number> = { plain: 36, nordic: 24, casual: 13, elderly: 9, formal: 9, terse: 9 };

/**
 * Scandinavian English: literal translations, Swedish/Norwegian/Danish words
 * for everyday things, and the usual slips (each rule applies to a line with
 * some probability; the first alternative that differs is not preferred).
 */
export const NORDIC_REWRITES: [RegExp, string[]][] = [
  [/\bfor (two|three|four|five|a few|several|some|\d+) (days|weeks|months)\b/gi, ['since $1 $2', 'in $1 $2']],
  [/\bhow long\b/gi, ['how long time']],
  [/\bI've been waiting\b/g, ['I am waiting', 'I have waited']],
  [/\bI've been\b/g, ['I am', 'I have been']],
  [/\bdoesn't\b/g, ['does not', "don't"]],
  [/\bdon't\b/g, ['do not']],
  [/\bcan't\b/g, ['can not', 'cannot']],
  [/\bisn't\b/g, ['is not']],
  [/\bI'm\b/g, ['I am']],
  [/\bit's\b/g, ['it is']],
  [/\bthe internet\b/g, ['internet', 'the net']],
  [/\binvoice\b/g, ['faktura', 'invoice', 'bill']],
  [/\bbill\b/g, ['invoice', 'faktura', 'räkning']],
  [/\bsubscription\b/g, ['abonnemang', 'abonnement', 'subscription']],
  [/\bMy Pages\b/g, ['Mina sidor', 'Min side', 'Mit Nordtel', 'my pages']],
  [/\bwould like to\b/g, ['want to', 'would want to']],
  [/\ba lot of\b/g, ['many', 'much']],
  [/\bI called\b/g, ['I have called']],
  [/\bI paid\b/g, ['I have paid']],
  [/\byesterday\b/g, ['yesterday', 'in yesterday']],
  [/\bokay\b/gi, ['okej', 'ok', 'okay']],
  [/\bthanks\b/gi, ['tack', 'takk', 'tak', 'thanks']],
  [/\bsorry\b/gi, ['sorry', 'förlåt', 'beklager', 'undskyld']],
  [/\btechnician\b/g, ['montör', 'tekniker', 'technician']],
  [/\bfee\b/g, ['fee', 'avgift', 'gebyr']],
  [/\breminder\b/g, ['påminnelse', 'purring', 'reminder']],
  [/\bcontract\b/g, ['agreement', 'avtal', 'contract']],
  [/\bpersonal (identity )?number\b/g, ['personnummer', 'fødselsnummer', 'CPR number']],
  [/\bbroadband\b/g, ['bredband', 'bredbånd', 'broadband']],
  [/\bexpensive\b/g, ['expensive', 'dyr']],
  [/\bquite\b/g, ['quite', 'rather', 'pretty']],
  [/\bthe (router|invoice|technician|package|app|bill|data)\b/g, ['$1']],
  [/\beventually\b/g, ['eventually', 'maybe']],
  [/\bplease\b/g, ['please', 'snälla', 'vær så snill']],
];

/** Words a Scandinavian speaker drops into English. */
export const NORDIC_FILLERS = ['alltså', 'ja', 'så', 'liksom', 'asså', 'nå', 'jo', 'precis', 'typ', 'faktisk', 'altså', 'jaså'];
/** Question tags: "it should work, or?" */
export const NORDIC_TAGS = [', or?', ', yes?', ', no?', ', ikke?', ', right?', ', eller hur?'];

/** Chat shorthand. */
export const CASUAL_REWRITES: [RegExp, string[]][] = [
  [/\byou\b/gi, ['u', 'you']],
  [/\byour\b/gi, ['ur', 'your']],
  [/\bbecause\b/gi, ['bc', 'cuz', 'because']],
  [/\bplease\b/gi, ['pls', 'plz']],
  [/\bthanks\b|\bthank you\b/gi, ['thx', 'ty', 'thanks']],
  [/\breally\b/gi, ['rly', 'really', 'literally']],
  [/\bI don't know\b/gi, ['idk']],
  [/\bto be honest\b|\bhonestly\b/gi, ['tbh', 'ngl']],
  [/\bright now\b/gi, ['rn']],
  [/\bokay\b/gi, ['ok', 'k', 'okk']],
  [/\bgoing to\b/gi, ['gonna']],
  [/\bwant to\b/gi, ['wanna']],
  [/\bsomething\b/gi, ['smth', 'something']],
  [/\bpeople\b/gi, ['ppl']],
  [/\bI'm\b/g, ['im', 'i’m']],
  [/\bdon't\b/g, ['dont']],
  [/\bcan't\b/g, ['cant']],
  [/\bit's\b/g, ['its']],
];
export const CASUAL_TAILS = ['lol', '??', '!!', 'smh', 'pls help', 'ffs', 'omg', 'ugh', '…', 'haha'];

/** What an elderly caller wraps the problem in. */
export const ELDERLY_FRAMES = [
  "I'm sorry, I'm not very good with these modern things, but ",
  'Hello dear. My grandson usually helps me with this, but he is away, so. ',
  "I'm 84, so you'll have to be patient with me. ",
  "I don't understand much about computers, but ",
  'Good day, I hope I am not disturbing you. ',
  "I've been a customer since it was called something else, and ",
  'Yes, hello, this is old Mrs {clast}. ',
];
export const ELDERLY_TAILS = [
  'I hope you understand what I mean.',
  'Thank you for being so patient with me.',
  'My daughter said I should call you.',
  "I wrote it down on a piece of paper so I wouldn't forget.",
  'In my day things just worked.',
];

/** Complaint-letter register. */
export const FORMAL_FRAMES = [
  'I am writing to inform you that ',
  'I hereby wish to bring to your attention that ',
  'Please be advised that ',
  'I would like to make you aware that ',
  'With reference to my customer number {custno}, ',
  'I am contacting you regarding the following matter: ',
];
export const FORMAL_TAILS = [
  'I would be grateful for a written response.',
  'Kindly confirm receipt of this message.',
  'I look forward to your prompt reply.',
  'Please treat this as a formal complaint.',
  'I trust that this will be resolved without further delay.',
];
