import { expect, test } from 'vitest';
import { FINDING_KINDS } from '../api';
import { kindExplanation, kindLabel } from './labels';

test('each kind has a label of its own, in plain words', () => {
  expect(kindLabel('name')).toBe('Name');
  expect(kindLabel('school')).toBe('School or setting');
  expect(kindLabel('org')).toBe('Organisation');
  expect(kindLabel('place')).toBe('Town or place');
  expect(kindLabel('nhs')).toBe('NHS number');
  expect(kindLabel('ref')).toBe('Reference number');
  expect(kindLabel('url')).toBe('Web address');
  expect(kindLabel('handle')).toBe('Social media handle');
  const labels = FINDING_KINDS.map(kindLabel);
  expect(labels.every((label) => label.length > 0)).toBe(true);
  expect(new Set(labels).size).toBe(FINDING_KINDS.length);
});

test('a place, an organisation or a school says why it matters, in one sentence', () => {
  expect(kindExplanation('place')).toBe('A town, village or estate can show where you live.');
  expect(kindExplanation('org')).toBe('A hospital, charity or local service can show where you live.');
  expect(kindExplanation('school')).toBe('A school or nursery can show where you live.');
});

test('a kind that speaks for itself says nothing more', () => {
  const explained = FINDING_KINDS.filter((kind) => kindExplanation(kind) !== null);
  expect(explained).toEqual(['school', 'org', 'place']);
  expect(kindExplanation('name')).toBeNull();
  expect(kindExplanation('phone')).toBeNull();
});

test('each explanation is one short sentence', () => {
  for (const kind of FINDING_KINDS) {
    const explanation = kindExplanation(kind);
    if (explanation === null) continue;
    expect(explanation).toMatch(/^[A-Z][^.!?]*\.$/);
    expect(explanation.split(' ').length).toBeLessThanOrEqual(12);
  }
});
