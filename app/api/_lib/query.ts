import { z } from 'zod';
import { fromZodError } from '@/lib/errors';

/** Runs a query-string parser; a ZodError becomes a 400 that names the query parameter (not "request body"). */
export function parseQuery<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof z.ZodError) throw fromZodError(e, 'query parameters');
    throw e;
  }
}
