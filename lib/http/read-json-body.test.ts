import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/errors';
import { readJsonBody } from './read-json-body';

const req = (body: BodyInit | null, headers: Record<string, string> = {}) => new Request('http://x/', { method: 'POST', body, headers });

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as ApiError).status;
  }
}

describe('readJsonBody', () => {
  it('parses JSON', async () => {
    expect(await readJsonBody(req('{"a":1}'), 1024)).toEqual({ a: 1 });
  });
  it('answers 400 for an empty body or invalid JSON, naming the problem', async () => {
    expect(await status(readJsonBody(req(''), 1024))).toBe(400);
    await expect(readJsonBody(req('{"a":'), 1024)).rejects.toThrow(/not valid JSON/);
  });
  it('with optional, reads a missing or empty body as undefined (and still parses or refuses the rest)', async () => {
    expect(await readJsonBody(req(null), 1024, { optional: true })).toBeUndefined();
    expect(await readJsonBody(req(''), 1024, { optional: true })).toBeUndefined();
    expect(await readJsonBody(req('{"a":1}'), 1024, { optional: true })).toEqual({ a: 1 });
    expect(await status(readJsonBody(req('{"a":'), 1024, { optional: true }))).toBe(400);
  });
  it('answers 413 on a declared or streamed size over the limit', async () => {
    expect(await status(readJsonBody(req('{}', { 'content-length': '5000' }), 1024))).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(200)));
        c.close();
      },
    });
    expect(await status(readJsonBody(new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit), 1024))).toBe(413);
  });

  it('refuses bytes that are not UTF-8, nesting deeper than the limit and lone surrogates, each by path; well-formed pairs pass', async () => {
    const latin1 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"a":"é"} in Latin-1
    await expect(readJsonBody(req(latin1), 1024)).rejects.toThrow(/not valid UTF-8/);
    const deep = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const tooDeep = await readJsonBody(req(deep), 1_000_000).catch((e: ApiError) => e);
    expect(tooDeep).toBeInstanceOf(ApiError);
    expect((tooDeep as ApiError).message).toMatch(/nested more than 32 levels deep \(at a(\[0\]){31}\)/);
    expect(await readJsonBody(req(`{"a":${'['.repeat(31)}${']'.repeat(31)}}`), 1024)).toBeTruthy();
    const lone = await readJsonBody(req('{"texts":["ok","\\uDC00x"],"m":{"\\uD800":1}}'), 1024).catch((e: ApiError) => e);
    expect((lone as ApiError).details).toEqual([
      { path: 'texts[1]', message: expect.stringMatching(/lone surrogate \(U\+DC00 at character 1\)/) },
      { path: 'm["\uFFFD"]', message: expect.stringMatching(/the field name contains a lone surrogate \(U\+D800/) },
    ]);
    expect(await readJsonBody(req('{"a":"\\uD83D\\uDE00"}'), 1024)).toEqual({ a: '\u{1F600}' });
  });
});

