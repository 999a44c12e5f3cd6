import { z } from 'zod';

const ZId = z.coerce.number().int().positive().max(2_147_483_647);

/** A model or version id from the URL, or null (the page then answers 404). */
export function parseModelId(raw: string): number | null {
  const r = ZId.safeParse(raw);
  return r.success ? r.data : null;
}
