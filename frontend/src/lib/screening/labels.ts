// Screening's kinds of finding, in words a person would use.

import type { FindingKind } from '../api';

const LABELS: Record<FindingKind, string> = {
  name: 'Name',
  school: 'School or setting',
  org: 'Organisation',
  place: 'Town or place',
  address: 'Street address',
  postcode: 'Postcode',
  phone: 'Phone number',
  email: 'Email address',
  nhs: 'NHS number',
  date: 'Date',
  ref: 'Reference number',
  url: 'Web address',
  handle: 'Social media handle',
};

/**
 * Why a kind could identify a family, where that is not plain from the kind itself: a name or
 * a phone number speaks for itself, but people rarely think a town or their child's hospital
 * says where they live. Every kind is listed, so a new one is decided on, not forgotten.
 */
const EXPLANATIONS: Record<FindingKind, string | null> = {
  name: null,
  school: 'A school or nursery can show where you live.',
  org: 'A hospital, charity or local service can show where you live.',
  place: 'A town, village or estate can show where you live.',
  address: null,
  postcode: null,
  phone: null,
  email: null,
  nhs: null,
  date: null,
  ref: null,
  url: null,
  handle: null,
};

/** "Name", "School or setting", "Phone number"…: for a highlight's label and the list of findings. */
export function kindLabel(kind: FindingKind): string {
  return LABELS[kind];
}

/** One plain sentence on why this kind of detail matters, for the list of findings; null if it is plain. */
export function kindExplanation(kind: FindingKind): string | null {
  return EXPLANATIONS[kind];
}
