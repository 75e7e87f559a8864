import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface Problem {
  path: (string | number)[];
  message: string;
}

/** Every 4xx carries a human message and, where input was wrong, the path of each problem. */
export function problem(c: Context, status: ContentfulStatusCode, error: string, issues?: Problem[]): Response {
  return c.json(issues ? { error, issues } : { error }, status);
}
