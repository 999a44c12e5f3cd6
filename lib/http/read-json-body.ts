import { ApiError, badRequest, formatPath, type ErrorDetail } from '@/lib/errors';
import { loneSurrogateAt } from '@/lib/text/well-formed';

/** No request body of the API nests deeper than a few levels; far deeper is an attack on whatever walks it next. */
export const MAX_JSON_DEPTH = 32;
const MAX_PROBLEMS = 20;

/**
 * Reads a JSON body with a size cap. The cap is checked against
 * Content-Length first and then while streaming, so a client that lies about
 * the length (or sends none) cannot make the server buffer more than `maxBytes`.
 * With `optional`, a missing or empty body is `undefined` instead of a 400
 * (`curl -X POST` without data still sends an empty body stream).
 *
 * What JSON.parse accepts but nothing after it should see is refused here,
 * once for every route: bytes that are not UTF-8, nesting deeper than
 * MAX_JSON_DEPTH, and strings (values or keys) with a lone UTF-16 surrogate
 * (`"\uD800"`), which no database can store as UTF-8 text.
 */
/** A problem with the body as a whole: the detail names it `(body)`, as a zod error at the root does. */
const bodyError = (message: string, detail: string) => badRequest(message, [{ path: '(body)', message: detail }]);

export async function readJsonBody(request: Request, maxBytes: number, options: { optional?: boolean } = {}): Promise<unknown> {
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `Request body is larger than the limit of ${maxBytes.toLocaleString('en')} bytes. Send fewer or shorter texts per request.`);
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) {
    if (options.optional) return undefined;
    throw bodyError('Request body is empty: send a JSON object.', 'empty');
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
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw bodyError('Request body is not valid UTF-8: JSON must be sent as UTF-8 text. Save or encode it as UTF-8 and send it again.', 'not valid UTF-8');
  }
  if (!text.trim()) {
    if (options.optional) return undefined;
    throw bodyError('Request body is empty: send a JSON object.', 'empty');
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw bodyError(`Request body is not valid JSON: ${(e as Error).message}`, `not valid JSON: ${(e as Error).message}`);
  }
  checkJsonValue(value);
  return value;
}

interface Node {
  value: unknown;
  depth: number;
  parent: Node | null;
  key: string | number | null;
}

const pathOf = (node: Node, extra: (string | number)[] = []): string => {
  const parts: (string | number)[] = [...extra];
  for (let n: Node | null = node; n && n.key !== null; n = n.parent) parts.unshift(n.key);
  return formatPath(parts);
};

const surrogateMessage = (s: string, at: number, what: string) =>
  `${what} contains a lone surrogate (U+${s.charCodeAt(at).toString(16).toUpperCase()} at character ${at + 1}): half of a UTF-16 pair, which is not text and cannot be stored. Send the whole character (a \\uD83D\\uDE00 pair, or the character itself) or remove it`;

/**
 * Walks a parsed JSON value without recursion (a hostile depth must not
 * overflow the stack here either) and refuses it with the paths of the first
 * problems: too deep, or a string that is not well-formed UTF-16.
 */
export function checkJsonValue(root: unknown): void {
  const problems: ErrorDetail[] = [];
  const stack: Node[] = [{ value: root, depth: 0, parent: null, key: null }];
  let deepAt: string | null = null;
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const at = loneSurrogateAt(value);
      if (at >= 0) problems.push({ path: pathOf(node), message: surrogateMessage(value, at, 'the text') });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (node.depth >= MAX_JSON_DEPTH) {
      deepAt ??= pathOf(node);
      problems.push({ path: pathOf(node), message: `nested ${MAX_JSON_DEPTH} levels deep here, and deeper still; no field of this API nests more than a few levels` });
      continue;
    }
    const children: Node[] = [];
    if (Array.isArray(value)) value.forEach((v, i) => children.push({ value: v, depth: node.depth + 1, parent: node, key: i }));
    else {
      for (const [k, v] of Object.entries(value)) {
        const at = loneSurrogateAt(k);
        if (at >= 0) problems.push({ path: pathOf(node, [k]), message: surrogateMessage(k, at, 'the field name') });
        children.push({ value: v, depth: node.depth + 1, parent: node, key: k });
      }
    }
    // reversed, so problems come out in document order
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  if (!problems.length) return;
  const first = problems[0]!;
  const summary = deepAt
    ? `Request body is JSON nested more than ${MAX_JSON_DEPTH} levels deep (at ${deepAt}); send the shape the endpoint documents.`
    : problems.length === 1
      ? `Invalid request body: ${first.path}: ${first.message}`
      : `Invalid request body: ${problems.length} strings contain lone surrogates, see details`;
  throw badRequest(summary, problems);
}
