// A small vocabulary for the tests beside this code: three categories, shared and local tags.

import type { PatternTag, Vocabulary } from '../api';

function tag(id: string, category: string, label: string, definition: string, more: Partial<PatternTag> = {}): PatternTag {
  const local = id.startsWith('local:');
  return {
    id,
    category,
    label,
    definition,
    uri: local ? `http://127.0.0.1:8080/ns#${id.slice(6)}` : `https://w3id.org/commonthread/ns#${id}`,
    local,
    same_as: null,
    retired: false,
    ...more,
  };
}

export const VOCABULARY: Vocabulary = {
  version: 1,
  categories: [
    { id: 'meetings', label: 'Meetings and communication', description: 'How meetings and communication are run.' },
    { id: 'blame', label: 'Blame and suspicion', description: 'How parents are blamed.' },
    { id: 'decisions', label: 'Decisions and delays', description: 'How decisions are made.' },
  ],
  tags: [
    tag('reports-at-meeting', 'meetings', 'Reports handed out at the meeting', 'Reports were first shared at the meeting itself, with no time to read them.'),
    tag('no-minutes', 'meetings', 'No minutes', 'No minutes or notes of the meeting were sent afterwards.'),
    tag('bedroom-inspected', 'blame', 'Bedroom inspected', 'Someone inspected the child’s bedroom although there was no cause for concern.'),
    tag('parent-too-emotional', 'blame', 'Parent called too emotional', 'A parent was told they were too emotional or anxious.'),
    tag('local:transport-cancelled', 'decisions', 'Transport cancelled', 'The child’s school transport was stopped at short notice.'),
    tag('local:old-forms', 'decisions', 'Old forms', 'Forms the council no longer uses.', { retired: true }),
  ],
};
