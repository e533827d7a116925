import { describe, expect, test } from 'vitest';
import { partnerReplyHint, replyModerationHint, replyPostedText, warningsList } from './wording';

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

  test('a reply to a partner forum’s story goes to that forum, and its moderators read it', () => {
    expect(partnerReplyHint('Sheffield Parent Carer Forum')).toBe(
      'Your reply goes to Sheffield Parent Carer Forum and their moderators check it before it appears there.',
    );
    expect(replyPostedText('pending', 'Sheffield Parent Carer Forum')).toBe(
      'Thank you. Your reply has been sent to Sheffield Parent Carer Forum. It will appear when their moderators have read it. Until then, only you can see it.',
    );
    expect(replyPostedText('published', 'Sheffield Parent Carer Forum')).toBe(
      'Your reply has been posted and sent to Sheffield Parent Carer Forum.',
    );
  });
});
