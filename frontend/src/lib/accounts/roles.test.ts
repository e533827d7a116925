import { expect, test } from 'vitest';
import { aRole, roleLabel, whoMay } from './roles';

test('roles in words', () => {
  expect(roleLabel('moderator')).toBe('Moderator');
  expect(aRole('member')).toBe('a member');
  expect(aRole('admin')).toBe('an admin');
  expect(whoMay(['admin'])).toBe('admins');
  expect(whoMay(['moderator', 'admin'])).toBe('moderators and admins');
});
