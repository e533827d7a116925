// What went wrong with a form, in the shape the error summary and the fields need: one list,
// each message tied to the field (by its id) where the person can put it right.

import { ApiError, messageFor, type ErrorCode } from '../api';

export interface FieldError {
  /** The id of the field to fix, or `null` when the problem is not with one field. */
  field: string | null;
  message: string;
}

/** Which field each server code is about, for one form: e.g. `{ handle_taken: 'handle' }`. */
export type FieldsByCode = Partial<Record<ErrorCode, string>>;

/** What a form says for a server code instead of the general message: e.g. its own length limit. */
export type MessagesByCode = Partial<Record<ErrorCode, string>>;

/** The error summary's list for a failed request. */
export function errorsFrom(error: unknown, fields: FieldsByCode = {}, messages: MessagesByCode = {}): FieldError[] {
  if (error instanceof ApiError) return [{ field: fields[error.code] ?? null, message: messages[error.code] ?? error.message }];
  return [{ field: null, message: messageFor('unexpected') }];
}

/** The message for one field, for its inline error. */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/** A whole number from a text box, if it is one between `min` and `max`; else `null`. */
export function wholeNumberBetween(typed: string, min: number, max: number): number | null {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
