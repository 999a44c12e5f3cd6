import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/env';
import { badRequest, fromZodError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/read-json-body';

const ZId = z.coerce.number().int().positive().max(2_147_483_647);

/** A numeric id from the route's path; a bad one is a 400 that names the segment. */
export function pathId(value: string, name: string): number {
  const r = ZId.safeParse(value);
  if (!r.success) throw badRequest(`Invalid path: ${name} must be a positive integer, not "${value.slice(0, 40)}".`, [{ path: name, message: 'not a positive integer' }]);
  return r.data;
}

/** The JSON body (capped at MAX_BODY_BYTES) through a schema, once: an unreadable body and a broken rule are both 400s. */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const r = schema.safeParse(await readJsonBody(request, env.MAX_BODY_BYTES));
  if (!r.success) throw fromZodError(r.error);
  return r.data;
}
