import { readFileSync } from 'node:fs';

export function apiKey(): string {
  return readFileSync('data/e2e-key.txt', 'utf8').trim();
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
