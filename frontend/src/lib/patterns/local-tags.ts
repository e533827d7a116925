// A forum's own tags as an admin writes them: the rules the server applies (checked here
// first, so that mistakes are explained before anything is sent) and the request's fields.

import type { LocalTagFields, PatternTag } from '../api';

/** How long a label and a definition may be, in characters (as the server counts them). */
export const LABEL_CHARS = { min: 3, max: 60 } as const;
export const DEFINITION_CHARS = { min: 10, max: 300 } as const;

/** A tag form as typed: `same_as` is '' for "none". */
export interface LocalTagDraft {
  label: string;
  definition: string;
  category: string;
  same_as: string;
}

export type LocalTagField = keyof LocalTagDraft;

export interface LocalTagProblem {
  field: LocalTagField;
  message: string;
}

/** Characters as the server counts them: code points, not UTF-16 units. */
function length(text: string): number {
  return Array.from(text.trim()).length;
}

/** What needs putting right before the draft can be sent, in the form's order; none when it is fine. */
export function localTagProblems(draft: LocalTagDraft): LocalTagProblem[] {
  const problems: LocalTagProblem[] = [];
  const label = length(draft.label);
  if (label === 0) problems.push({ field: 'label', message: 'Enter a name for the tag.' });
  else if (label < LABEL_CHARS.min || label > LABEL_CHARS.max) {
    problems.push({ field: 'label', message: `A tag’s name must be ${LABEL_CHARS.min} to ${LABEL_CHARS.max} characters.` });
  }
  const definition = length(draft.definition);
  if (definition === 0) problems.push({ field: 'definition', message: 'Say what the tag means.' });
  else if (definition < DEFINITION_CHARS.min || definition > DEFINITION_CHARS.max) {
    problems.push({
      field: 'definition',
      message: `What the tag means must be ${DEFINITION_CHARS.min} to ${DEFINITION_CHARS.max} characters.`,
    });
  }
  if (draft.category === '') problems.push({ field: 'category', message: 'Choose a category.' });
  return problems;
}

/** The request's fields: text trimmed, "none" as null. */
export function localTagFields(draft: LocalTagDraft): LocalTagFields {
  return {
    label: draft.label.trim(),
    definition: draft.definition.trim(),
    category: draft.category,
    same_as: draft.same_as === '' ? null : draft.same_as,
  };
}

/** A tag as a draft, to edit it. */
export function draftOf(tag: PatternTag): LocalTagDraft {
  return { label: tag.label, definition: tag.definition, category: tag.category, same_as: tag.same_as ?? '' };
}

export const EMPTY_DRAFT: LocalTagDraft = { label: '', definition: '', category: '', same_as: '' };

/**
 * Which field a server's `validation` detail is about ("label must be 3 to 60 characters",
 * "unknown same_as"), so the error summary can link to it; `null` when it doesn't say.
 */
export function fieldInDetail(detail: string | undefined): LocalTagField | null {
  if (!detail) return null;
  const text = detail.toLowerCase();
  if (/same[_ ]as/.test(text)) return 'same_as';
  for (const field of ['label', 'definition', 'category'] as const) {
    if (new RegExp(`\\b${field}\\b`).test(text)) return field;
  }
  return null;
}
