import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface Problem {
  path: (string | number)[];
  message: string;
}

/**
 * What a handler throws when a request cannot be answered: a status, a human message and,
 * where input was wrong, the path of each problem. `app.onError` renders it, so no
 * function returns `T | Response` and no caller can forget to pass an error on.
 */
export class HttpProblem extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly issues?: Problem[],
    /** Retry-After, WWW-Authenticate and the like. */
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
  }
}

/** Sugar for `throw new HttpProblem(...)` in expressions. */
export function fail(status: ContentfulStatusCode, message: string, issues?: Problem[], headers?: Record<string, string>): never {
  throw new HttpProblem(status, message, issues, headers);
}

/**
 * The one rendering of every error: `{error, issues?}` with the status and headers. An
 * HTTPException from a Hono built-in keeps its status and the headers of its response;
 * anything else is a bug, logged for us and answered 500 without a stack trace.
 */
export function renderError(error: Error, c: Context): Response {
  if (error instanceof HttpProblem) {
    return c.json(error.issues ? { error: error.message, issues: error.issues } : { error: error.message }, error.status as ContentfulStatusCode, error.headers);
  }
  if (error instanceof HTTPException) {
    const headers: Record<string, string> = {};
    error.res?.headers.forEach((value, name) => {
      if (name !== 'content-type' && name !== 'content-length') headers[name] = value;
    });
    return c.json({ error: error.message || 'request refused' }, error.status as ContentfulStatusCode, headers);
  }
  console.error('unhandled', error);
  return c.json({ error: 'internal error' }, 500);
}
