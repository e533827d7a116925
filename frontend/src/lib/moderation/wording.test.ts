import { describe, expect, test } from 'vitest';
import { actorLabel, logActionLabel, queueKindLabel } from './wording';

describe('the moderation log in words', () => {
  test('every action of the contract has words of its own', () => {
    const actions = [
      'role_changed',
      'tag_added',
      'tag_changed',
      'story_approved',
      'changes_requested',
      'story_rejected',
      'story_unpublished',
      'tags_corrected',
      'story_redacted',
      'reply_approved',
      'reply_rejected',
      'report_dismissed',
      'report_resolved',
      'signpost_changed',
    ];
    const labels = actions.map(logActionLabel);
    expect(new Set(labels).size).toBe(actions.length);
    for (const label of labels) expect(label).not.toContain('_');
    expect(logActionLabel('story_approved')).toBe('Approved a story');
    expect(logActionLabel('story_unpublished')).toBe('Took a story down');
  });

  test('an action we don’t know yet is still said, in words', () => {
    expect(logActionLabel('partner_blocked')).toBe('Partner blocked');
    expect(logActionLabel('')).toBe('Something else');
  });

  test('who did it, and what a queued story is', () => {
    expect(actorLabel('rowan')).toBe('rowan');
    expect(actorLabel(null)).toBe('A former member');
    expect(queueKindLabel('new')).toBe('New story');
    expect(queueKindLabel('edit')).toBe('Edit of a published story');
  });
});
