import { readFileSync } from 'node:fs';

/** Where global-setup leaves the suite's API key: one file per port, so two suites can run side by side. */
export const keyFile = () => `data/e2e-key-${process.env.E2E_PORT ?? 3100}.txt`;

export function apiKey(): string {
  return readFileSync(keyFile(), 'utf8').trim();
}

/** The example request of ../shared/spec/inference-api.md, verbatim. */
export const SPEC_EXAMPLE = {
  texts: [
    "Hi, I'm calling about my mobile broadband. I was charged 349 kr this month but my plan is supposed to be 199 kr. This has happened two months in a row and I'm really frustrated. I've been a customer for six years and I'm starting to think about switching.",
  ],
  model_settings: [
    { model_id: 42, max_predictions: 1 },
    { model_id: 87, max_predictions: 2 },
    { model_id: 156, max_predictions: 3 },
    { model_id: 201, label_filter: ['Frustrated', 'Angry', 'Neutral', 'Satisfied'] },
  ],
};
