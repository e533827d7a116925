import { describe, expect, test } from 'vitest';
import { matchRoute, returnPath, signInThenBackTo } from './routes';

test('the root is home', () => {
  expect(matchRoute('/')).toEqual({ name: 'home' });
  expect(matchRoute('/index.html')).toEqual({ name: 'home' });
});

test('the account pages', () => {
  expect(matchRoute('/join')).toEqual({ name: 'join' });
  expect(matchRoute('/sign-in')).toEqual({ name: 'sign-in' });
  expect(matchRoute('/recover')).toEqual({ name: 'recover' });
  expect(matchRoute('/account')).toEqual({ name: 'account' });
  expect(matchRoute('/admin/members')).toEqual({ name: 'admin-members' });
  expect(matchRoute('/admin/invites')).toEqual({ name: 'admin-invites' });
  expect(matchRoute('/admin/tags')).toEqual({ name: 'admin-tags' });
});

test('checking a story', () => {
  expect(matchRoute('/check')).toEqual({ name: 'check' });
  expect(matchRoute('/check/')).toEqual({ name: 'not-found', path: '/check/' });
  expect(returnPath('?next=/check')).toBe('/check');
});

test('choosing tags', () => {
  expect(matchRoute('/tags')).toEqual({ name: 'tags' });
  expect(matchRoute('/tags/')).toEqual({ name: 'not-found', path: '/tags/' });
  expect(returnPath('?next=/tags')).toBe('/tags');
  expect(returnPath('?next=/admin/tags')).toBe('/admin/tags');
});

test('stories, moderation, notifications and signposts', () => {
  expect(matchRoute('/stories')).toEqual({ name: 'stories' });
  expect(matchRoute('/stories/k3v9x2mq7hza')).toEqual({ name: 'story', id: 'k3v9x2mq7hza' });
  expect(matchRoute('/stories/K3V9')).toEqual({ name: 'not-found', path: '/stories/K3V9' });
  expect(matchRoute('/stories/k3v9x2mq7hza/')).toEqual({ name: 'not-found', path: '/stories/k3v9x2mq7hza/' });
  expect(matchRoute('/stories/')).toEqual({ name: 'not-found', path: '/stories/' });
  expect(matchRoute('/moderation')).toEqual({ name: 'moderation' });
  expect(matchRoute('/moderation/log')).toEqual({ name: 'moderation-log' });
  expect(matchRoute('/notifications')).toEqual({ name: 'notifications' });
  expect(matchRoute('/admin/signposts')).toEqual({ name: 'admin-signposts' });
  expect(matchRoute('/admin/federation')).toEqual({ name: 'admin-federation' });
  expect(returnPath('?next=/admin/federation')).toBe('/admin/federation');
  expect(returnPath('?next=/stories/k3v9x2mq7hza')).toBe('/stories/k3v9x2mq7hza');
  expect(returnPath('?next=/moderation')).toBe('/moderation');
});

test('the patterns in the forum’s figures', () => {
  expect(matchRoute('/patterns')).toEqual({ name: 'patterns' });
  expect(matchRoute('/patterns/')).toEqual({ name: 'not-found', path: '/patterns/' });
  expect(returnPath('?next=/patterns')).toBe('/patterns');
});

test('comparing areas', () => {
  expect(matchRoute('/compare')).toEqual({ name: 'compare' });
  expect(matchRoute('/compare/')).toEqual({ name: 'not-found', path: '/compare/' });
  expect(returnPath('?next=/compare')).toBe('/compare');
});

test('writing, changing and listing one’s own stories', () => {
  expect(matchRoute('/write')).toEqual({ name: 'write' });
  expect(matchRoute('/my-stories')).toEqual({ name: 'my-stories' });
  expect(matchRoute('/stories/k3v9x2mq7hza/edit')).toEqual({ name: 'edit-story', id: 'k3v9x2mq7hza' });
  expect(matchRoute('/stories/k3v9x2mq7hza/edit/')).toEqual({ name: 'not-found', path: '/stories/k3v9x2mq7hza/edit/' });
  expect(matchRoute('/stories/K3V9/edit')).toEqual({ name: 'not-found', path: '/stories/K3V9/edit' });
  expect(returnPath('?next=/write')).toBe('/write');
  expect(returnPath('?next=/stories/k3v9x2mq7hza/edit')).toBe('/stories/k3v9x2mq7hza/edit');
});

test('anything else is not found, with its path', () => {
  expect(matchRoute('/no/such/page')).toEqual({ name: 'not-found', path: '/no/such/page' });
  expect(matchRoute('/home')).toEqual({ name: 'not-found', path: '/home' });
  expect(matchRoute('/admin')).toEqual({ name: 'not-found', path: '/admin' });
  expect(matchRoute('/Account')).toEqual({ name: 'not-found', path: '/Account' });
});

describe('returnPath', () => {
  test('goes back to one of our pages', () => {
    expect(returnPath('?next=/account')).toBe('/account');
    expect(returnPath('?next=%2Fadmin%2Finvites')).toBe('/admin/invites');
    expect(returnPath(new URL(signInThenBackTo('/admin/members'), 'http://a').search)).toBe('/admin/members');
  });

  test('never to another site', () => {
    expect(returnPath('?next=//evil.example/account')).toBeNull();
    expect(returnPath('?next=/\\evil.example')).toBeNull();
    expect(returnPath('?next=https://evil.example/')).toBeNull();
    expect(returnPath('?next=javascript:alert(1)')).toBeNull();
  });

  test('not to pages we don’t have, nor back to signing in', () => {
    expect(returnPath('')).toBeNull();
    expect(returnPath('?next=/no/such/page')).toBeNull();
    expect(returnPath('?next=/sign-in')).toBeNull();
    expect(returnPath('?next=/join')).toBeNull();
  });
});
