import { ApiError, badRequest } from '@/lib/errors';

/**
 * Reads a JSON body with a size cap. The cap is checked against
 * Content-Length first and then while streaming, so a client that lies about
 * the length (or sends none) cannot make the server buffer more than `maxBytes`.
 * With `optional`, a missing or empty body is `undefined` instead of a 400
 * (`curl -X POST` without data still sends an empty body stream).
 */
export async function readJsonBody(request: Request, maxBytes: number, options: { optional?: boolean } = {}): Promise<unknown> {
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `Request body is larger than the limit of ${maxBytes.toLocaleString('en')} bytes. Send fewer or shorter texts per request.`);
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) {
    if (options.optional) return undefined;
    throw badRequest('Request body is empty: send a JSON object.');
  }

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  if (!text.trim()) {
    if (options.optional) return undefined;
    throw badRequest('Request body is empty: send a JSON object.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(`Request body is not valid JSON: ${(e as Error).message}`);
  }
}
