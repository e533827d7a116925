// Roles in words.

import type { Role } from '../api';

const LABELS: Record<Role, string> = { member: 'Member', moderator: 'Moderator', admin: 'Admin' };

/** "Member", "Moderator", "Admin". */
export function roleLabel(role: Role): string {
  return LABELS[role];
}

/** "a member", "a moderator", "an admin": for sentences. */
export function aRole(role: Role): string {
  return role === 'admin' ? 'an admin' : `a ${role}`;
}

/** Who may see a page, in words: "admins", "moderators and admins". */
export function whoMay(roles: readonly Role[]): string {
  const names = roles.map((role) => `${role}s`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
