// Screening's kinds of finding, in words a person would use.

import type { FindingKind } from '../api';

const LABELS: Record<FindingKind, string> = {
  name: 'Name',
  school: 'School or setting',
  org: 'Organisation',
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

/** "Name", "School or setting", "Phone number"…: for a highlight's label and the list of findings. */
export function kindLabel(kind: FindingKind): string {
  return LABELS[kind];
}
