import { expect, test } from 'vitest';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  choicesOf,
  CONTENT_WARNING_LABELS,
  CONTENT_WARNINGS,
  isOneOf,
  PRIMARY_NEED_LABELS,
  PRIMARY_NEEDS,
  REPORT_REASON_LABELS,
  REPORT_REASONS,
  SERVICE_LABELS,
  SERVICES,
  STAGE_LABELS,
  STAGES,
  STATE_LABELS,
  STORY_STATES,
  VISIBILITIES,
  VISIBILITY_EXPLANATIONS,
} from './options';

test('every value has its own label', () => {
  const tables: [readonly string[], Record<string, string>][] = [
    [SERVICES, SERVICE_LABELS],
    [STAGES, STAGE_LABELS],
    [AGE_BANDS, AGE_BAND_LABELS],
    [PRIMARY_NEEDS, PRIMARY_NEED_LABELS],
    [CONTENT_WARNINGS, CONTENT_WARNING_LABELS],
    [REPORT_REASONS, REPORT_REASON_LABELS],
    [STORY_STATES, STATE_LABELS],
    [VISIBILITIES, VISIBILITY_EXPLANATIONS],
  ];
  for (const [values, labels] of tables) {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    expect(new Set(Object.values(labels)).size).toBe(values.length);
  }
});

test('the contract’s wording', () => {
  expect(SERVICE_LABELS['la-send']).toBe('Local authority SEND team');
  expect(STAGE_LABELS['ehc-plan-drafting']).toBe('EHC plan being drafted');
  expect(CONTENT_WARNING_LABELS.restraint).toBe('Restraint or seclusion');
  expect(REPORT_REASON_LABELS.identifying).toBe('It could identify someone');
  expect(STATE_LABELS.pending).toBe('Waiting for a moderator');
  expect(STATE_LABELS.rejected).toBe('Not published');
  expect(VISIBILITY_EXPLANATIONS['counted-only']).toBe(
    'Only the moderators read it. It is counted in the forum’s anonymous figures but never shown.',
  );
});

test('narrowing and menus', () => {
  expect(isOneOf(SERVICES, 'school')).toBe(true);
  expect(isOneOf(SERVICES, 'School')).toBe(false);
  expect(isOneOf(SERVICES, 3)).toBe(false);
  expect(choicesOf(AGE_BANDS, AGE_BAND_LABELS)[0]).toEqual({ value: '0-4', label: '0 to 4 years' });
});
