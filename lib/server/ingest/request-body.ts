import 'server-only';
import { badRequest } from '@/lib/errors';

/** A request body as an async iterable of byte chunks, read as it arrives. */
export async function* bodyChunks(request: Request): AsyncGenerator<Uint8Array> {
  if (!request.body) throw badRequest('The request has no body: send the file as the body.');
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Turns the JSON body of `POST /v2/ingest-jobs` into JSON Lines, so it takes the same path as a file. */
export async function* jsonLines(items: Record<string, unknown>[]): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  for (const item of items) yield enc.encode(`${JSON.stringify(item)}\n`);
}
