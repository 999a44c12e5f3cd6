/**
 * Demo taxonomy for the Callsight training corpus.
 * Model ids and names follow the public API spec; do not renumber.
 */

export type ModelKey = 'product' | 'issueType' | 'rootCause' | 'sentiment' | 'churnRisk';

export interface TaxonomyLabel {
  name: string;
  description: string;
  /** Only for Root Cause: the issue type this root cause belongs under. */
  parent?: string;
}

export interface TaxonomyModel {
  id: number;
  key: ModelKey;
  name: string;
  question: string;
  multiLabel: boolean;
  labels: TaxonomyLabel[];
}

/** The six products Nordtel sells. */
export const SERVICES = ['Mobile', 'Mobile Broadband', 'Fixed Line', 'Fiber', 'TV', 'Streaming'] as const;
export type Service = (typeof SERVICES)[number];

/** The Product model's answers: a product, or Other for a contact about none of them (a shop visit, a job application, a wrong number). */
export const OTHER_PRODUCT = 'Other';
export const PRODUCTS = [...SERVICES, OTHER_PRODUCT] as const;
export type Product = (typeof PRODUCTS)[number];

export const ISSUE_TYPES = ['Billing', 'Technical', 'Cancellation', 'Upgrade', 'Order & Delivery', 'Account'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

export const ROOT_CAUSES_BY_ISSUE: Record<IssueType, readonly string[]> = {
  Billing: ['Incorrect charge', 'Recurring billing error', 'Price plan mismatch', 'Payment failed', 'Roaming charges'],
  Technical: ['Network outage', 'Equipment fault', 'Coverage gap', 'System error'],
  Cancellation: ['Competitor offer', 'Policy change', 'Relocation'],
  Upgrade: ['Data allowance exceeded', 'Contract renewal'],
  'Order & Delivery': ['Delivery delay', 'Missed installation'],
  Account: ['Login problem', 'Identity verification'],
};

export const ROOT_CAUSES = Object.values(ROOT_CAUSES_BY_ISSUE).flat();
export type RootCause = string;

export const SENTIMENTS = ['Frustrated', 'Angry', 'Neutral', 'Satisfied'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const CHURN_RISKS = ['High', 'Medium', 'Low'] as const;
export type ChurnRisk = (typeof CHURN_RISKS)[number];

/** Parent issue type of every root cause. */
export const ROOT_CAUSE_PARENT: Record<string, IssueType> = Object.fromEntries(
  (Object.entries(ROOT_CAUSES_BY_ISSUE) as [IssueType, readonly string[]][]).flatMap(([issue, rcs]) =>
    rcs.map((rc) => [rc, issue]),
  ),
);

/**
 * Which products a root cause plausibly occurs with (a transcript about
 * Streaming never has a Coverage gap, a Missed installation needs a technician visit, ...).
 */
export const ROOT_CAUSE_PRODUCTS: Record<string, readonly Service[]> = {
  'Incorrect charge': SERVICES,
  'Recurring billing error': SERVICES,
  'Price plan mismatch': SERVICES,
  'Payment failed': SERVICES,
  'Roaming charges': ['Mobile', 'Mobile Broadband'],
  'Network outage': ['Mobile', 'Mobile Broadband', 'Fixed Line', 'Fiber', 'TV'],
  'Equipment fault': ['Mobile', 'Mobile Broadband', 'Fixed Line', 'Fiber', 'TV'],
  'Coverage gap': ['Mobile', 'Mobile Broadband'],
  'System error': SERVICES,
  'Competitor offer': SERVICES,
  'Policy change': SERVICES,
  Relocation: ['Mobile', 'Mobile Broadband', 'Fixed Line', 'Fiber', 'TV'],
  'Data allowance exceeded': ['Mobile', 'Mobile Broadband'],
  'Contract renewal': SERVICES,
  'Delivery delay': ['Mobile', 'Mobile Broadband', 'Fixed Line', 'Fiber', 'TV'],
  'Missed installation': ['Fixed Line', 'Fiber', 'TV'],
  'Login problem': SERVICES,
  'Identity verification': SERVICES,
};

export function isPlausible(product: string, rootCause: string): boolean {
  return (ROOT_CAUSE_PRODUCTS[rootCause] as readonly string[] | undefined)?.includes(product) ?? false;
}

export const TAXONOMY: Record<ModelKey, TaxonomyModel> = {
  product: {
    id: 42,
    key: 'product',
    name: 'Product',
    question: 'Which product is the customer calling about?',
    multiLabel: false,
    labels: [
      { name: 'Mobile', description: 'Mobile phone subscriptions: voice, SMS, mobile data on a handset, SIM cards and phones.' },
      { name: 'Mobile Broadband', description: 'Data-only mobile internet: 4G/5G home routers, pocket routers and data SIMs.' },
      { name: 'Fixed Line', description: 'Copper landline telephony and DSL internet over the phone line.' },
      { name: 'Fiber', description: 'Fibre broadband to the home or apartment building, including the router and fibre box.' },
      { name: 'TV', description: 'TV packages and channels delivered through a set-top box or the TV service.' },
      { name: 'Streaming', description: 'The streaming app and streaming add-ons watched on phones, tablets, smart TVs and computers.' },
      { name: 'Other', description: 'About none of the six products: a shop visit, a general question about the company, a job application, a wrong number.' },
    ],
  },
  issueType: {
    id: 87,
    key: 'issueType',
    name: 'Issue Type',
    question: 'What kind of issue is the customer contacting us about?',
    multiLabel: true,
    labels: [
      { name: 'Billing', description: 'Invoices, charges, prices, payments and refunds.' },
      { name: 'Technical', description: 'Service not working as it should: outages, faults, coverage, errors.' },
      { name: 'Cancellation', description: 'The customer wants to end (or asks how to end) a subscription.' },
      { name: 'Upgrade', description: 'Changing to a bigger plan, more data, a new device or renewing a contract.' },
      { name: 'Order & Delivery', description: 'Orders, shipments and technician appointments that have not arrived as agreed.' },
      { name: 'Account', description: 'Access to My Pages / the app and proving who the account holder is.' },
    ],
  },
  rootCause: {
    id: 156,
    key: 'rootCause',
    name: 'Root Cause',
    question: 'What is the underlying cause of the customer\'s issue?',
    multiLabel: true,
    labels: [
      { name: 'Incorrect charge', parent: 'Billing', description: 'A one-off charge on the invoice that the customer did not expect or did not agree to.' },
      { name: 'Recurring billing error', parent: 'Billing', description: 'The same billing mistake appears month after month, e.g. double billing or a fee that keeps coming back.' },
      { name: 'Price plan mismatch', parent: 'Billing', description: 'The customer is billed at a different price or plan than the one they were sold or agreed to.' },
      { name: 'Payment failed', parent: 'Billing', description: 'A payment (card, direct debit, e-invoice, Swish) did not go through, leading to reminders or fees.' },
      { name: 'Roaming charges', parent: 'Billing', description: 'Unexpected charges for usage abroad or outside the EU/EEA.' },
      { name: 'Network outage', parent: 'Technical', description: 'The service is down for an area or a period of time, not just the customer\'s equipment.' },
      { name: 'Equipment fault', parent: 'Technical', description: 'A router, set-top box, SIM, phone or other device is broken or malfunctioning.' },
      { name: 'Coverage gap', parent: 'Technical', description: 'Weak or no mobile signal at a particular location.' },
      { name: 'System error', parent: 'Technical', description: 'An error in our systems or apps: activation, provisioning, app crashes, wrong settings pushed.' },
      { name: 'Competitor offer', parent: 'Cancellation', description: 'The customer wants to leave for a cheaper or better offer from another operator.' },
      { name: 'Policy change', parent: 'Cancellation', description: 'The customer wants to leave because of a price increase, changed terms or removed content.' },
      { name: 'Relocation', parent: 'Cancellation', description: 'The customer is moving (home or abroad) and wants to end the service.' },
      { name: 'Data allowance exceeded', parent: 'Upgrade', description: 'The customer keeps running out of data and wants a bigger allowance.' },
      { name: 'Contract renewal', parent: 'Upgrade', description: 'The binding period is ending or ended and the customer wants a new deal or device.' },
      { name: 'Delivery delay', parent: 'Order & Delivery', description: 'An ordered device, SIM or box has not arrived when promised.' },
      { name: 'Missed installation', parent: 'Order & Delivery', description: 'A technician did not turn up, or the installation/activation date was missed.' },
      { name: 'Login problem', parent: 'Account', description: 'The customer cannot log in to My Pages, the app or the streaming service.' },
      { name: 'Identity verification', parent: 'Account', description: 'Trouble proving identity: BankID, ownership transfer, SIM swap checks, ID mismatch.' },
    ],
  },
  sentiment: {
    id: 201,
    key: 'sentiment',
    name: 'Sentiment',
    question: 'How does the customer feel over the course of the conversation?',
    multiLabel: false,
    labels: [
      { name: 'Frustrated', description: 'Tired, worn down or exasperated, typically by a repeated or long-running problem, but not hostile.' },
      { name: 'Angry', description: 'Openly hostile or furious: accusations, demands, threats, raised tone.' },
      { name: 'Neutral', description: 'Matter-of-fact; neither clearly unhappy nor clearly pleased.' },
      { name: 'Satisfied', description: 'Pleased with the help or outcome; thanks the agent sincerely.' },
    ],
  },
  churnRisk: {
    id: 244,
    key: 'churnRisk',
    name: 'Churn Risk',
    question: 'How likely is this customer to leave?',
    multiLabel: false,
    labels: [
      { name: 'High', description: 'States an intent to leave, cancel or switch, or names a competitor offer they are considering.' },
      { name: 'Medium', description: 'Dissatisfied, repeated problem or vague hints that they might look elsewhere.' },
      { name: 'Low', description: 'No sign that the customer is thinking of leaving.' },
    ],
  },
};

export const MODEL_KEYS: ModelKey[] = ['product', 'issueType', 'rootCause', 'sentiment', 'churnRisk'];

export function labelNames(model: ModelKey): string[] {
  return TAXONOMY[model].labels.map((l) => l.name);
}
