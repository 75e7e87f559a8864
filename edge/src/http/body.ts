import type { Context } from 'hono';
import type { z } from 'zod';
import { zodIssues } from '../../../shared/config/validate.js';
import { fail } from './problems.js';

/**
 * Reads at most `limit` bytes and throws 413 past it: a declared Content-Length over the
 * limit before reading, a body that streams past it (chunked, or lying) once it does.
 *
 * Hand-written rather than `hono/body-limit`, for one measured reason: both that and a
 * cancelled reader answer a chunked body while the client is still sending, and `wrangler
 * dev` then fails the next request with 503 "Your worker restarted mid-request"
 * (e2e/body-limit.test.ts; workers-sdk#15203). So past the limit the rest of a streamed
 * body is read and dropped, never kept: the answer waits for the upload, memory stays at
 * `limit`.
 */
export async function readText(c: Context, limit: number): Promise<string> {
  // A declared length is answered at once: wrangler dev copes with that (the same test).
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > limit) tooLarge(limit);
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await drain(reader);
      tooLarge(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Parsed JSON, or 400 with where the syntax broke. */
export function parseJson(text: string, what = 'body'): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(400, `${what} is not valid JSON`, [{ path: [], message: (error as Error).message }]);
  }
}

/** JSON body (sent as application/json or as text/plain by sendBeacon) checked by a schema; 400 otherwise. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, limit: number): Promise<z.infer<S>> {
  const json = parseJson(await readText(c, limit));
  const parsed = schema.safeParse(json);
  if (!parsed.success) fail(400, 'invalid request', zodIssues(parsed.error));
  return parsed.data;
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  while (!(await reader.read()).done);
}

function tooLarge(limit: number): never {
  return fail(413, `body is larger than ${limit} bytes`);
}
