// One place for turning zod results into the sandbox's refusals: the admin/control bodies (400 invalid_body) and
// the seed and state files (SeedError naming the file and the field) describe a bad field in the same words.
import type { z } from 'zod';
import { HttpError } from './http';

/** One zod issue in words: `expected one of a|b|c`, `expected string, received number`, … */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join('|')}`;
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.');
}

/** `source: field.path: what is wrong` for files (the seed, the state file). */
export function fileIssue(source: string, issue: z.core.$ZodIssue | undefined, what: string): string {
  if (!issue) return `${source}: invalid ${what}`;
  const where = issuePath(issue);
  return `${source}: ${where ? `${where}: ` : ''}${describeIssue(issue)}`;
}

/** A request body that must match `schema`, else 400 `invalid_body: <field> <what is wrong>`. */
export function parseOrRefuse<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issuePath(issue) : '';
  const detail = issue ? describeIssue(issue) : 'invalid';
  throw new HttpError(400, 'invalid_body', field ? `${field} ${detail}` : detail);
}
