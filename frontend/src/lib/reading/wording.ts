// Stories as readers see them, in words: content warnings, and what happens to a reply.

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

/** What the page says once a reply is sent: at once, or when a moderator has read it. */
export function replyPostedText(state: 'pending' | 'published' | 'rejected'): string {
  return state === 'pending'
    ? 'Thank you. Your reply will appear when a moderator has read it. Until then, only you can see it.'
    : 'Your reply has been posted.';
}
