// Stories as readers see them, in words: content warnings, and what happens to a reply
// (here, or on the partner forum a story came from).

import { CONTENT_WARNING_LABELS, type ContentWarning } from '../stories/options';
import type { ReplyModeration } from '../api/types';

/** "Child protection", "Child protection and self-harm", "Abuse, police and bereavement". */
export function warningsList(warnings: readonly ContentWarning[]): string {
  const labels = warnings.map((warning, i) => {
    const label = CONTENT_WARNING_LABELS[warning];
    return i === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1);
  });
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** What the reply form promises about moderation, before anyone writes. */
export function replyModerationHint(moderation: ReplyModeration): string {
  return moderation === 'pre'
    ? 'A moderator reads every reply before it appears, so yours will not show straight away.'
    : 'Your reply appears straight away. Moderators read replies too, and take down any that break the forum’s rules.';
}

/**
 * What the reply form says on a partner forum's story, instead of this forum's setting:
 * the reply is sent to the story's own forum, whose moderators read it.
 */
export function partnerReplyHint(forumName: string): string {
  return `Your reply goes to ${forumName} and their moderators check it before it appears there.`;
}

/**
 * What the page says once a reply is sent: at once, or when a moderator has read it. On a
 * partner forum's story (`partner` names the forum) the reply has gone to that forum too.
 */
export function replyPostedText(state: 'pending' | 'published' | 'rejected', partner?: string): string {
  if (partner) {
    return state === 'pending'
      ? `Thank you. Your reply has been sent to ${partner}. It will appear when their moderators have read it. Until then, only you can see it.`
      : `Your reply has been posted and sent to ${partner}.`;
  }
  return state === 'pending'
    ? 'Thank you. Your reply will appear when a moderator has read it. Until then, only you can see it.'
    : 'Your reply has been posted.';
}
