// The moderation log and queue in plain words: what a moderator or admin did, and what a
// queued story is. The log's actions are stored by name and never renamed; a name we do not
// know yet is still shown, in words, rather than hidden.

const ACTIONS: Record<string, string> = {
  role_changed: 'Changed a member’s role',
  tag_added: 'Added a tag of the forum’s own',
  tag_changed: 'Changed a tag of the forum’s own',
  story_approved: 'Approved a story',
  changes_requested: 'Asked for changes to a story',
  story_rejected: 'Decided not to publish a story',
  story_unpublished: 'Took a story down',
  tags_corrected: 'Corrected a story’s tags',
  story_redacted: 'Took identifying details out of a story',
  reply_approved: 'Approved a reply',
  reply_rejected: 'Removed a reply',
  report_dismissed: 'Dismissed a report',
  report_resolved: 'Resolved a report',
  signpost_changed: 'Changed a signposting text',
};

/** "Approved a story", "Changed a member’s role"…; an unknown `some_action` reads "Some action". */
export function logActionLabel(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const words = action.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Something else';
}

/** Who did it: their handle, or a kind word once their account has gone. */
export function actorLabel(actor: string | null): string {
  return actor ?? 'A former member';
}

/** A queued story: new, or an edit of one already published. */
export function queueKindLabel(kind: 'new' | 'edit'): string {
  return kind === 'new' ? 'New story' : 'Edit of a published story';
}
