import { describe, expect, test } from 'vitest';
import { replyModerationHint, replyPostedText, warningsList } from './wording';

describe('warnings and promises', () => {
  test('content warnings as a list in a sentence', () => {
    expect(warningsList([])).toBe('');
    expect(warningsList(['child-protection'])).toBe('Child protection');
    expect(warningsList(['child-protection', 'self-harm'])).toBe('Child protection and self-harm');
    expect(warningsList(['abuse', 'police', 'bereavement'])).toBe('Abuse, police and bereavement');
  });

  test('what happens to a reply', () => {
    expect(replyModerationHint('pre')).toBe(
      'A moderator reads every reply before it appears, so yours will not show straight away.',
    );
    expect(replyModerationHint('post')).toMatch(/^Your reply appears straight away\./);
    expect(replyPostedText('pending')).toMatch(/when a moderator has read it/);
    expect(replyPostedText('published')).toBe('Your reply has been posted.');
  });
});
