// What the "Check my story" page says about a check and its changes, counted properly.

/** "Apply 1 change", "Apply 3 changes". */
export function applyLabel(changes: number): string {
  return `Apply ${changes} ${changes === 1 ? 'change' : 'changes'}`;
}

/** What a check found, in one sentence. */
export function foundSummary(findings: number): string {
  if (findings === 0) return 'We found nothing that looks identifying.';
  return `We found ${findings === 1 ? '1 thing' : `${findings} things`} that could help someone recognise you or your child.`;
}

/** What applying changes did, in one sentence. */
export function changedSummary(changes: number): string {
  return `We made ${changes === 1 ? '1 change' : `${changes} changes`} to your story.`;
}

/** The screener takes at most 50,000 characters at a time (`POST /api/v1/screening`). */
export const CHECK_TOO_LONG =
  'That is more than 50,000 characters, which is too long for us to take in one go. Please shorten it, or split it into parts.';
