import type { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Parses a service's input; a failure is an 'invalid_input' AppError whose `details.fields`
 * maps each top-level field to its first problem, so an adapter can show it beside the field.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fields[field] ??= issue.message;
  }
  return invalidFields(fields);
}

export function invalidFields(fields: Record<string, string>): never {
  throw new AppError('invalid_input', `invalid input: ${JSON.stringify(fields)}`, 'Please check the form.', {
    fields,
  });
}
