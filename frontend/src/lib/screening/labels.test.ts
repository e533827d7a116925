import { expect, test } from 'vitest';
import { FINDING_KINDS } from '../api';
import { kindLabel } from './labels';

test('each kind has a label of its own, in plain words', () => {
  expect(kindLabel('name')).toBe('Name');
  expect(kindLabel('school')).toBe('School or setting');
  expect(kindLabel('org')).toBe('Organisation');
  expect(kindLabel('nhs')).toBe('NHS number');
  expect(kindLabel('ref')).toBe('Reference number');
  expect(kindLabel('url')).toBe('Web address');
  expect(kindLabel('handle')).toBe('Social media handle');
  const labels = FINDING_KINDS.map(kindLabel);
  expect(labels.every((label) => label.length > 0)).toBe(true);
  expect(new Set(labels).size).toBe(FINDING_KINDS.length);
});
